package dev.sidekick.gladlysim;

import dev.sidekick.gladlysim.control.ApiCalls;
import dev.sidekick.gladlysim.control.Faults;
import dev.sidekick.gladlysim.control.Receiver;
import dev.sidekick.gladlysim.delivery.Deliveries;
import dev.sidekick.gladlysim.delivery.SimClock;
import dev.sidekick.gladlysim.state.SimState;
import io.vertx.core.Vertx;

/** The parts of one running simulator, handed to the HTTP layers. Internal wiring, not API. */
public record Simulation(
    Vertx vertx,
    SimOptions options,
    SimClock clock,
    SimState state,
    Deliveries deliveries,
    Faults faults,
    ApiCalls apiCalls,
    Receiver receiver) {}
