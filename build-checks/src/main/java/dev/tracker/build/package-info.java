/**
 * Checks of the build itself, for the modules' tests: {@link dev.tracker.build.ApiSignatures}
 * derives a module's API from its descriptor and finds what its signatures leak; {@link
 * dev.tracker.build.DocLinks} finds the links of the docs that point at nothing in the repository.
 */
@NullMarked
package dev.tracker.build;

import org.jspecify.annotations.NullMarked;
