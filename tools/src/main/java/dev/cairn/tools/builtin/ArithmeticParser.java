package dev.cairn.tools.builtin;

import dev.cairn.tools.ToolException;
import java.math.BigDecimal;
import java.math.MathContext;

/** Recursive-descent parser for arithmetic over decimals; no variables, no functions. */
final class ArithmeticParser {
  private static final int MAX_DEPTH = 50;
  private final String text;
  private int pos;
  private int depth;

  ArithmeticParser(String text) {
    this.text = text;
  }

  BigDecimal parse() throws ToolException {
    BigDecimal value = expression();
    skipSpaces();
    if (pos != text.length()) {
      throw new ToolException("unexpected '" + text.charAt(pos) + "' at position " + pos);
    }
    return value;
  }

  private BigDecimal expression() throws ToolException {
    BigDecimal value = term();
    while (true) {
      if (accept('+')) {
        value = value.add(term());
      } else if (accept('-')) {
        value = value.subtract(term());
      } else {
        return value;
      }
    }
  }

  private BigDecimal term() throws ToolException {
    BigDecimal value = factor();
    while (true) {
      if (accept('*')) {
        value = value.multiply(factor(), MathContext.DECIMAL64);
      } else if (accept('/')) {
        BigDecimal divisor = factor();
        if (divisor.signum() == 0) {
          throw new ToolException("division by zero");
        }
        value = value.divide(divisor, MathContext.DECIMAL64);
      } else {
        return value;
      }
    }
  }

  private BigDecimal factor() throws ToolException {
    if (++depth > MAX_DEPTH) {
      throw new ToolException("expression nested too deeply");
    }
    try {
      if (accept('-')) {
        return factor().negate();
      }
      if (accept('(')) {
        BigDecimal value = expression();
        if (!accept(')')) {
          throw new ToolException("missing ')' at position " + pos);
        }
        return value;
      }
      return number();
    } finally {
      depth--;
    }
  }

  private BigDecimal number() throws ToolException {
    skipSpaces();
    int start = pos;
    while (pos < text.length()
        && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
      pos++;
    }
    if (start == pos) {
      throw new ToolException("number expected at position " + pos);
    }
    try {
      return new BigDecimal(text.substring(start, pos));
    } catch (NumberFormatException e) {
      throw new ToolException("bad number at position " + start, e);
    }
  }

  private boolean accept(char c) {
    skipSpaces();
    if (pos < text.length() && text.charAt(pos) == c) {
      pos++;
      return true;
    }
    return false;
  }

  private void skipSpaces() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }
}
