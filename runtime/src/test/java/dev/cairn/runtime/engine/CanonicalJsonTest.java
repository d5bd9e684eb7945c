package dev.cairn.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** RFC 8785 canonical JSON, checked against the RFC's examples. */
class CanonicalJsonTest {
  @Test
  void numbersPrintAsEcmaScriptDoes() {
    // Examples from RFC 8785 appendix B.
    assertThat(CanonicalJson.number(0.0)).isEqualTo("0");
    assertThat(CanonicalJson.number(-0.0)).isEqualTo("0");
    assertThat(CanonicalJson.number(Double.MIN_VALUE)).isEqualTo("5e-324");
    assertThat(CanonicalJson.number(-Double.MIN_VALUE)).isEqualTo("-5e-324");
    assertThat(CanonicalJson.number(Double.MAX_VALUE)).isEqualTo("1.7976931348623157e+308");
    assertThat(CanonicalJson.number(9007199254740992.0)).isEqualTo("9007199254740992");
    assertThat(CanonicalJson.number(295147905179352830000.0)).isEqualTo("295147905179352830000");
    assertThat(CanonicalJson.number(1e21)).isEqualTo("1e+21");
    assertThat(CanonicalJson.number(1e20)).isEqualTo("100000000000000000000");
    assertThat(CanonicalJson.number(0.000001)).isEqualTo("0.000001");
    assertThat(CanonicalJson.number(0.0000001)).isEqualTo("1e-7");
    assertThat(CanonicalJson.number(4.5)).isEqualTo("4.5");
    assertThat(CanonicalJson.number(-1.5e-10)).isEqualTo("-1.5e-10");
    assertThat(CanonicalJson.number(333333333.3333333)).isEqualTo("333333333.3333333");
    // The integer fast path agrees with the general rule at its edges.
    assertThat(CanonicalJson.number(42)).isEqualTo("42");
    assertThat(CanonicalJson.number(-7)).isEqualTo("-7");
    assertThat(CanonicalJson.number(9007199254740991.0)).isEqualTo("9007199254740991");
    assertThat(CanonicalJson.number(1e15)).isEqualTo("1000000000000000");
    assertThat(CanonicalJson.number(1e300)).isEqualTo("1e+300");
  }

  @Test
  void rfcExampleEncodesByteForByte() {
    String input =
        """
        {
          "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
          "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
          "literals": [null, true, false]
        }
        """;
    assertThat(CanonicalJson.encode(Json.parse(input)))
        .isEqualTo(
            "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                + "\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
  }

  @Test
  void memberOrderFollowsUtf16CodeUnits() {
    String input =
        "{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Hebrew\","
            + "\"1\":\"One\",\"\\ud83d\\ude00\":\"Emoji\",\"\\u0080\":\"Control\",\"\\u00f6\":\"o\"}";
    String encoded = CanonicalJson.encode(Json.parse(input));
    assertThat(encoded)
        .isEqualTo(
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"ö\":\"o\","
                + "\"€\":\"Euro Sign\",\"\ud83d\ude00\":\"Emoji\",\"\ufb33\":\"Hebrew\"}");
  }

  @Test
  void spellingAndOrderDoNotChangeTheHash() {
    String a = "{\"b\": 1.0, \"a\": [1, 2.50, \"x\"]}";
    String b = "{\"a\":[1e0,2.5,\"x\"],\"b\":1}";
    assertThat(CanonicalJson.sha256(Json.parse(a))).isEqualTo(CanonicalJson.sha256(Json.parse(b)));
    assertThat(CanonicalJson.sha256(Json.parse(a)))
        .isNotEqualTo(CanonicalJson.sha256(Json.parse("{\"b\":1,\"a\":[1,2.5,\"y\"]}")));
  }

  @Test
  void refusesNonFiniteNumbers() {
    assertThatThrownBy(() -> CanonicalJson.number(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
