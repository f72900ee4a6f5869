package newsroom.schemas;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;

/** A later release's schema, made from the current one: what an older reader meets after an upgrade. */
public final class SchemaEvolution {
  private SchemaEvolution() {}

  /** {@code schema} with one more field, nullable and null by default (the project's rule for new fields). */
  public static Schema withOptionalField(Schema schema, String name) {
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field field : schema.getFields()) {
      fields.add(new Schema.Field(field, field.schema()));
    }
    fields.add(new Schema.Field(name, Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
        "A field added by a later release.", JsonProperties.NULL_VALUE));
    return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
  }

  /**
   * {@code record}'s values in a generic record of {@code schema}, as a producer without our classes holds
   * them (timestamps as epoch milliseconds, enums as symbols); fields it lacks keep their default.
   */
  public static GenericRecord copy(SpecificRecord record, Schema schema) {
    GenericRecord copy = new GenericData.Record(schema);
    for (Schema.Field field : schema.getFields()) {
      Schema.Field own = record.getSchema().getField(field.name());
      copy.put(field.name(), own == null ? GenericData.get().getDefaultValue(field) : generic(record.get(own.pos()), own.schema()));
    }
    return copy;
  }

  private static Object generic(Object value, Schema schema) {
    if (value instanceof Instant instant) {
      return instant.toEpochMilli();
    }
    if (value instanceof Enum<?> symbol) {
      Schema enumSchema = schema.getType() == Schema.Type.UNION
          ? schema.getTypes().stream().filter(t -> t.getType() == Schema.Type.ENUM).findFirst().orElseThrow() : schema;
      return new GenericData.EnumSymbol(enumSchema, symbol.name());
    }
    return value;
  }
}
