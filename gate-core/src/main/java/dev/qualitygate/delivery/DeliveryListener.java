package dev.qualitygate.delivery;

/**
 * Is told every event of a delivery run as it happens, after the event is in the event log: for progress output, a
 * chat notification, or forwarding to a Keptn-compatible event broker.
 *
 * <p>Called on the thread that runs the delivery, in event order. A listener that throws is logged at WARN and does
 * not stop the run; a slow one slows it down.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface DeliveryListener {

    /**
     * Receives an event.
     *
     * @param event the event, already logged
     */
    void onEvent(DeliveryEvent event);
}
