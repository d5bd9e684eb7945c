package dev.cairn.examples.javatool;

import dev.cairn.tools.CairnTools;
import dev.cairn.tools.SideEffect;
import dev.cairn.tools.SideEffectClass;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.invocation.InvocationParameters;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Way two: LangChain4j {@code @Tool} methods on a CDI bean marked {@link CairnTools}. The author
 * declares the side-effect class: opening a ticket has an effect, applied once per idempotency key,
 * so it is {@link SideEffect#IDEMPOTENT} and the engine records an intent before each call.
 */
@ApplicationScoped
@CairnTools
@SideEffectClass(SideEffect.IDEMPOTENT)
public class TicketTools {
  private final TicketStore store;

  /**
   * Creates the tools.
   *
   * @param store where tickets go
   */
  public TicketTools(TicketStore store) {
    this.store = store;
  }

  /**
   * Opens a support ticket, once per call even when the call is repeated.
   *
   * @param title what the ticket is about
   * @param priority how urgent it is
   * @param call Cairn's context of the call; {@code idempotencyKey} is the same on every retry
   * @return the ticket's id, for the model
   */
  @Tool(name = "ticket_create", value = "Opens a support ticket and returns its id.")
  public String createTicket(
      @P("What the ticket is about, one line") String title,
      @P("How urgent it is") Priority priority,
      InvocationParameters call) {
    if (title == null || title.isBlank() || title.length() > 200) {
      throw new IllegalArgumentException("a title of 1 to 200 characters is required");
    }
    Ticket ticket = store.open(call.get("idempotencyKey"), title.strip(), priority);
    return "opened ticket " + ticket.id() + " (" + ticket.priority() + "): " + ticket.title();
  }
}
