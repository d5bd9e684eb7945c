package dev.cairn.tools;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Marks a CDI bean whose LangChain4j {@code @Tool} methods become Cairn tools. The runtime finds
 * every bean carrying this qualifier, builds one tool per {@code @Tool} method and adds it to the
 * {@link ToolCatalog}. Each method's side-effect class must be declared with {@link
 * SideEffectClass} on the method or on the class; a method without one stops the application at
 * startup, because the engine never guesses how a call may be recovered.
 *
 * <pre>{@code
 * @ApplicationScoped
 * @CairnTools
 * @SideEffectClass(SideEffect.IDEMPOTENT)
 * public class TicketTools {
 *   @Tool(name = "ticket_create", value = "Opens a support ticket")
 *   public String create(@P("title") String title, InvocationParameters call) { ... }
 * }
 * }</pre>
 *
 * <p>This is a CDI qualifier: inject such a bean elsewhere with {@code @CairnTools} too.
 */
@Qualifier
@Documented
@Retention(RUNTIME)
@Target({TYPE, FIELD, METHOD, PARAMETER})
public @interface CairnTools {}
