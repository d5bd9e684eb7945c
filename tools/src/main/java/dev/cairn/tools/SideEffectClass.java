package dev.cairn.tools;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The side-effect class of the {@code @Tool} methods of a {@link CairnTools} bean, declared by the
 * tool's author: on a method for that method, on the class for every method that declares none. It
 * decides what the engine records before and after a call and whether a call interrupted by a crash
 * is run again (see {@link SideEffect}).
 */
@Documented
@Retention(RUNTIME)
@Target({TYPE, METHOD})
public @interface SideEffectClass {
  /**
   * The side-effect class.
   *
   * @return how calls affect the world
   */
  SideEffect value();
}
