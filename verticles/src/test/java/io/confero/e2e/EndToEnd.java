package io.confero.e2e;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks an end-to-end test class (name it {@code *E2ETest}). The {@code e2e} tag routes it to
 * surefire's {@code e2e} execution, whose JVM runs inside a network namespace holding only
 * {@code lo}; {@link LoopbackOnlyNetwork} fails every test of the class when run anywhere else.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("e2e")
@ExtendWith(LoopbackOnlyNetwork.class)
public @interface EndToEnd {
}
