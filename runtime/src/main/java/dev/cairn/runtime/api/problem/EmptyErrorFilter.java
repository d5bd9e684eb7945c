package dev.cairn.runtime.api.problem;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Gives every error response without a body a problem document, so clients see one format. */
public class EmptyErrorFilter {
  /**
   * Fills empty error responses.
   *
   * @param request the request
   * @param response the response
   */
  @ServerResponseFilter
  public void fill(ContainerRequestContext request, ContainerResponseContext response) {
    int status = response.getStatus();
    if (status < 400 || response.hasEntity()) {
      return;
    }
    Response.Status known = Response.Status.fromStatusCode(status);
    String title = known == null ? "Error" : known.getReasonPhrase();
    Problem problem =
        new Problem(
            "urn:cairn:problem:" + title.toLowerCase().replace(' ', '-'),
            title,
            status,
            status == 400 ? "the request body is missing or empty" : title,
            request.getUriInfo().getPath(),
            null);
    response.setEntity(problem);
    response.getHeaders().put("Content-Type", List.of(Problem.MEDIA_TYPE));
  }
}
