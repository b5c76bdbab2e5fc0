/**
 * The organizations and their rules: {@link dev.sidekick.gladlysim.state.Org} holds one organization and applies what
 * Gladly documents (and what the module README says is inferred); one lock in {@link
 * dev.sidekick.gladlysim.state.SimState} guards all of it.
 */
package dev.sidekick.gladlysim.state;
