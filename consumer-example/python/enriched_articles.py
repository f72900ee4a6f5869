#!/usr/bin/env python3
"""A downstream service in Python: reads news.articles.enriched with confluent-kafka, its values decoded
through the schema registry (no code of the pipeline's), and prints each article's linked entities.
Keys are plain UTF-8 strings (the article id); values are Avro in the Confluent wire format.

    python3 enriched_articles.py BOOTSTRAP_SERVERS SCHEMA_REGISTRY_URL [ARTICLE_ID [SECONDS]]

With an article id it stops at that article (exit 0), or after SECONDS without it (exit 1).
Debian: apt-get install python3-confluent-kafka python3-avro python3-requests
"""
import sys
import time
import uuid

from confluent_kafka import Consumer
from confluent_kafka.avro.cached_schema_registry_client import CachedSchemaRegistryClient
from confluent_kafka.avro.serializer import SerializerError
from confluent_kafka.avro.serializer.message_serializer import MessageSerializer

TOPIC = "news.articles.enriched"


def describe(event):
    linked = [f"{e['id']} {e['name']}" for e in event["entities"] if e["linked"]]
    return f"{event['article']['id']}  {event['article']['title']}  story {event['story_id']}  entities {linked}"


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    bootstrap, registry = argv[1], argv[2]
    wanted = argv[3] if len(argv) > 3 else None
    deadline = time.monotonic() + (float(argv[4]) if len(argv) > 4 else float("inf"))
    values = MessageSerializer(CachedSchemaRegistryClient({"url": registry}))
    consumer = Consumer({
        "bootstrap.servers": bootstrap,
        "group.id": f"python-consumer-{uuid.uuid4()}",
        "auto.offset.reset": "earliest",
        "isolation.level": "read_committed",  # enrich-service writes in transactions
    })
    consumer.subscribe([TOPIC])
    try:
        while time.monotonic() < deadline:
            message = consumer.poll(1.0)
            if message is None:
                continue
            if message.error():
                print(f"error: {message.error()}", file=sys.stderr)
                continue
            if message.value() is None:  # a tombstone
                continue
            if message.value()[:1] != b"\x00":
                # Written before the pipeline used the registry (Avro single-object encoding): not for this reader.
                print(f"skipping {message.topic()}-{message.partition()}@{message.offset()}: "
                      "written before the schema registry", file=sys.stderr)
                continue
            try:
                event = values.decode_message(message.value())  # the writer's schema, by the id in the value
            except SerializerError as error:
                print(f"skipping {message.topic()}-{message.partition()}@{message.offset()}: {error}", file=sys.stderr)
                continue
            if wanted is None:
                print(describe(event), flush=True)
            elif event["article"]["id"] == wanted:
                print(describe(event), flush=True)
                return 0
        return 1
    finally:
        consumer.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
