/** Webhook deliveries (PING, events, Gladly's retry schedule, auto-disable, the delivery log) and the simulated clock. */
package dev.sidekick.gladlysim.delivery;
