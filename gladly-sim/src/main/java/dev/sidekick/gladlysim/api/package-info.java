/**
 * Gladly's REST API as the simulator serves it, grouped as Gladly's reference groups it: directory (organization,
 * agents, inboxes, topics, customer profiles), webhooks, message automation, conversations. {@link
 * dev.sidekick.gladlysim.api.GladlyApi} is the gate every call passes: call log, Basic auth, rate limit, faults.
 */
package dev.sidekick.gladlysim.api;
