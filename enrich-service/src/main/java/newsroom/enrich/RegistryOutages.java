package newsroom.enrich;

import newsroom.schemas.SchemaRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * A schema registry out of reach is no fault of the record being read: such a record must be tried again,
 * never dead-lettered and skipped like an unreadable one. The handlers fail the stream thread instead, and
 * the thread is replaced: exactly-once aborts its transaction, and the new thread starts again from the
 * last commit. A registry that refuses what this build writes (a schema it calls incompatible) stops the
 * service: no record is skipped for it. Every other error keeps the handling it had (log, dead-letter
 * topic, continue).
 */
final class RegistryOutages {
  private RegistryOutages() {}

  /** Whether {@code error} is, or was caused by, a registry that could not be reached. */
  static boolean caused(Throwable error) {
    return SchemaRegistry.RegistryException.in(error).filter(SchemaRegistry.RegistryException::retriable).isPresent();
  }

  /** Records that cannot be read: to the dead-letter topic, unless the registry was out of reach. */
  public static final class Deserialization extends LogAndContinueExceptionHandler {
    @Override
    public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context,
                                                                ConsumerRecord<byte[], byte[]> record, Exception error) {
      return caused(error) ? DeserializationExceptionHandler.Response.fail() : super.handleError(context, record, error);
    }
  }

  /** Records a processor failed on (a store's value read or written, say): likewise, and for any registry failure. */
  public static final class Processing extends LogAndContinueProcessingExceptionHandler {
    @Override
    public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record,
                                                           Exception error) {
      return SchemaRegistry.RegistryException.in(error).isPresent() ? ProcessingExceptionHandler.Response.fail()
          : super.handleError(context, record, error);
    }
  }
}
