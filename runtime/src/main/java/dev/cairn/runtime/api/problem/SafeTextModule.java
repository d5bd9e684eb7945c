package dev.cairn.runtime.api.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.JsonNodeDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

/**
 * Refuses, while a request body is read, text that PostgreSQL cannot store or would store altered:
 * every {@code String} (fields, list items) and every text value, object key and non-finite number
 * inside free-form {@link JsonNode} values, at any depth. The error names the field by its path,
 * e.g. {@code input.messages[2].content}.
 */
public final class SafeTextModule extends Module {
  @Override
  public String getModuleName() {
    return "cairn-safe-text";
  }

  @Override
  public Version version() {
    return Version.unknownVersion();
  }

  @Override
  public void setupModule(SetupContext context) {
    context.addDeserializers(new SafeDeserializers());
  }

  private static final class SafeDeserializers extends Deserializers.Base {
    @Override
    public JsonDeserializer<?> findBeanDeserializer(
        JavaType type, DeserializationConfig config, BeanDescription beanDesc) {
      return type.hasRawClass(String.class) ? new SafeString(StringDeserializer.instance) : null;
    }

    @Override
    public JsonDeserializer<?> findTreeNodeDeserializer(
        Class<? extends JsonNode> nodeType,
        DeserializationConfig config,
        BeanDescription beanDesc) {
      return new SafeTree(JsonNodeDeserializer.getDeserializer(nodeType));
    }
  }

  /** A string checked after the standard deserializer read it. */
  private static final class SafeString extends DelegatingDeserializer {
    private static final long serialVersionUID = 1L;

    SafeString(JsonDeserializer<?> delegate) {
      super(delegate);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
      return new SafeString(delegate);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      Object value = super.deserialize(p, ctxt);
      if (value instanceof String text) {
        String problem = TextSafety.problem(text);
        if (problem != null) {
          throw new UnsafeTextException(p, problem);
        }
      }
      return value;
    }
  }

  /** A JSON tree checked, node by node, after the standard deserializer built it. */
  private static final class SafeTree extends DelegatingDeserializer {
    private static final long serialVersionUID = 1L;

    SafeTree(JsonDeserializer<?> delegate) {
      super(delegate);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
      return new SafeTree(delegate);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      Object value = super.deserialize(p, ctxt);
      if (value instanceof JsonNode node) {
        check(p, node, new ArrayDeque<>());
      }
      return value;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object deserialize(JsonParser p, DeserializationContext ctxt, Object intoValue)
        throws IOException {
      Object value = ((JsonDeserializer<Object>) _delegatee).deserialize(p, ctxt, intoValue);
      if (value instanceof JsonNode node) {
        check(p, node, new ArrayDeque<>());
      }
      return value;
    }

    /**
     * Walks the tree; the depth is bounded by the parser's nesting limit.
     *
     * @param p the parser, for the error location
     * @param node the node
     * @param path field names and indexes from the tree's root to the node
     */
    private static void check(JsonParser p, JsonNode node, Deque<Object> path)
        throws JsonMappingException {
      if (node.isTextual()) {
        String problem = TextSafety.problem(node.textValue());
        if (problem != null) {
          throw unsafe(p, path, problem);
        }
      } else if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
        throw unsafe(p, path, "must be a finite number (at most about 1.8e308 in magnitude)");
      } else if (node.isObject()) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
          String problem = TextSafety.problem(field.getKey());
          if (problem != null) {
            throw unsafe(p, path, "has an object key that " + problem);
          }
          path.addLast(field.getKey());
          check(p, field.getValue(), path);
          path.removeLast();
        }
      } else if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          path.addLast(i);
          check(p, node.get(i), path);
          path.removeLast();
        }
      }
    }

    private static UnsafeTextException unsafe(JsonParser p, Deque<Object> path, String problem) {
      UnsafeTextException e = new UnsafeTextException(p, problem);
      Iterator<Object> fromLeaf = path.descendingIterator();
      while (fromLeaf.hasNext()) {
        Object step = fromLeaf.next();
        if (step instanceof Integer index) {
          e.prependPath(new JsonMappingException.Reference(null, index));
        } else {
          e.prependPath(new JsonMappingException.Reference(null, (String) step));
        }
      }
      return e;
    }
  }
}
