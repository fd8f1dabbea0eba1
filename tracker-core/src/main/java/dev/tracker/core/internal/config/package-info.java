/** Reads {@code config.yaml} and {@code TRACKER_*} variables. Internal: not part of the API. */
@NullMarked
package dev.tracker.core.internal.config;

import org.jspecify.annotations.NullMarked;
