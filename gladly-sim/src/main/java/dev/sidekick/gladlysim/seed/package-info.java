/** The YAML seed format (see the module README) and where seeds are found. */
package dev.sidekick.gladlysim.seed;
