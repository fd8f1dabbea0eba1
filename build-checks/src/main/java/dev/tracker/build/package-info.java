/**
 * Checks of the build itself, for the modules' tests: {@link dev.tracker.build.ApiSignatures}
 * derives a module's API from its descriptor and finds what its signatures leak.
 */
@NullMarked
package dev.tracker.build;

import org.jspecify.annotations.NullMarked;
