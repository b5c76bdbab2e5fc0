/**
 * The simulator's own side, never mixed with Gladly's paths: acting as a customer or as an admin in Gladly's UI, the
 * {@code /sim} control API, the recording webhook receiver, fault injection and the API call log.
 */
package dev.sidekick.gladlysim.control;
