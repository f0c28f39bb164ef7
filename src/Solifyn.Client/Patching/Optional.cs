namespace Solifyn.Client;

/// <summary>
/// A field of a partial update, which has three states where a nullable has two: not set (the field is left out of
/// the request and stays as it is), set to a value, or set to null (the field is cleared). Assign a value or
/// <c>null</c> to set it; leave it alone (or assign <see cref="Unset"/>) to leave the field unchanged.
/// </summary>
/// <example><code>
/// new UpdateLicenseRequest { ActivationLimit = 10 }     // change the limit
/// new UpdateLicenseRequest { ActivationLimit = null }   // clear it: unlimited
/// new UpdateLicenseRequest { Archived = true }          // the limit stays as it is
/// </code></example>
public readonly struct Optional<T> : IEquatable<Optional<T>>
{
    private readonly T _value;

    /// <summary>A set field with <paramref name="value"/>, which may be null (clear the field).</summary>
    public Optional(T value)
    {
        _value = value;
        IsSet = true;
    }

    /// <summary>Not set: the field is left out of the request. The same as <c>default</c>.</summary>
    public static Optional<T> Unset => default;

    /// <summary>True when a value (possibly null) was given.</summary>
    public bool IsSet { get; }

    /// <summary>The value given.</summary>
    /// <exception cref="InvalidOperationException">The field is not set.</exception>
    public T Value => IsSet ? _value : throw new InvalidOperationException("The optional field is not set.");

    /// <summary>Sets the field to <paramref name="value"/>.</summary>
    public static implicit operator Optional<T>(T value) => new(value);

    /// <summary>True when both are unset, or both are set to equal values.</summary>
    public static bool operator ==(Optional<T> left, Optional<T> right) => left.Equals(right);

    /// <summary>The negation of <see cref="op_Equality"/>.</summary>
    public static bool operator !=(Optional<T> left, Optional<T> right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(Optional<T> other) =>
        IsSet == other.IsSet && (!IsSet || EqualityComparer<T>.Default.Equals(_value, other._value));

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Optional<T> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => IsSet ? HashCode.Combine(true, _value) : 0;

    /// <summary>The value, <c>null</c>, or <c>(unset)</c>.</summary>
    public override string ToString() => !IsSet ? "(unset)" : _value?.ToString() ?? "null";
}
