package dev.qualitygate.test.tck;

import dev.qualitygate.error.GateConfigException;
import dev.qualitygate.error.Problem;
import dev.qualitygate.model.IndicatorValue;
import dev.qualitygate.spi.IndicatorQuery;
import dev.qualitygate.spi.MetricSource;
import dev.qualitygate.spi.MetricSourceProvider;
import dev.qualitygate.spi.ProviderConfig;
import dev.qualitygate.spi.ProviderContext;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provider that breaks one rule of the contract on request, to prove each contract check can fail. Not
 * registered for ServiceLoader, and without a no-argument constructor.
 */
public final class ScriptedMetricSourceProvider implements MetricSourceProvider {
    private final String id;
    private boolean lenient;
    private boolean unnamedProblem;
    private boolean leakToString;
    private boolean fetchThrows;
    private boolean fetchReturnsNull;
    private boolean secondCloseThrows;

    public ScriptedMetricSourceProvider(String id) {
        this.id = id;
    }

    ScriptedMetricSourceProvider lenient() {
        lenient = true;
        return this;
    }

    ScriptedMetricSourceProvider unnamedProblem() {
        unnamedProblem = true;
        return this;
    }

    ScriptedMetricSourceProvider leakToString() {
        leakToString = true;
        return this;
    }

    ScriptedMetricSourceProvider fetchThrows() {
        fetchThrows = true;
        return this;
    }

    ScriptedMetricSourceProvider fetchReturnsNull() {
        fetchReturnsNull = true;
        return this;
    }

    ScriptedMetricSourceProvider secondCloseThrows() {
        secondCloseThrows = true;
        return this;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public MetricSource create(ProviderConfig config, ProviderContext context) {
        Object token = config.settings().get("token");
        if (token == null && !lenient) {
            throw new GateConfigException(unnamedProblem ? Problem.of(config.origin(), "something is wrong")
                    : new Problem(config.origin(), 0, 0, "token", "must not be null", null));
        }
        AtomicInteger closed = new AtomicInteger();
        return new MetricSource() {
            @Override
            @SuppressWarnings("NullAway")
            public IndicatorValue fetch(IndicatorQuery query) {
                if (fetchThrows) {
                    throw new IllegalStateException("unknown metric " + query.query());
                }
                return fetchReturnsNull ? nothing() : IndicatorValue.failed("no data for " + query.indicator());
            }

            @Override
            public void close() {
                if (closed.incrementAndGet() > 1 && secondCloseThrows) {
                    throw new IllegalStateException("already closed");
                }
            }

            @Override
            public String toString() {
                return "ScriptedSource[token=" + (leakToString ? token : "****") + "]";
            }
        };
    }

    @SuppressWarnings("null")
    private static IndicatorValue nothing() {
        return null;
    }
}
