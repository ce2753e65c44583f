package dev.qualitygate.jmeter.internal;

/** JMeter cannot be found or its home cannot be assembled. Internal; not API. */
public final class JMeterHomeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    JMeterHomeException(String message) {
        super(message);
    }

    JMeterHomeException(String message, Throwable cause) {
        super(message, cause);
    }
}
