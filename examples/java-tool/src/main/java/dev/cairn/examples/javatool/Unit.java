package dev.cairn.examples.javatool;

import java.util.Locale;

/** Units the converter knows, each with its quantity and its factor to that quantity's base. */
public enum Unit {
  /** Metre, the base of length. */
  M("length", 1),
  /** Kilometre. */
  KM("length", 1000),
  /** International mile. */
  MI("length", 1609.344),
  /** International foot. */
  FT("length", 0.3048),
  /** Kilogram, the base of mass. */
  KG("mass", 1),
  /** Gram. */
  G("mass", 0.001),
  /** Avoirdupois pound. */
  LB("mass", 0.45359237);

  private final String quantity;
  private final double toBase;

  Unit(String quantity, double toBase) {
    this.quantity = quantity;
    this.toBase = toBase;
  }

  /**
   * Converts a value of this unit to another unit of the same quantity.
   *
   * @param value the value in this unit
   * @param target the unit wanted
   * @return the value in {@code target}
   * @throws IllegalArgumentException when the units measure different quantities
   */
  public double convert(double value, Unit target) {
    if (!quantity.equals(target.quantity)) {
      throw new IllegalArgumentException(
          "cannot convert "
              + quantity
              + " ("
              + this
              + ") to "
              + target.quantity
              + " ("
              + target
              + ")");
    }
    return value * toBase / target.toBase;
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
