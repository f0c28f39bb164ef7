using System.Text.Json.Serialization;

namespace Solifyn.Domain.Contracts;

/// <summary>
/// A field of a partial update (PATCH, RFC 5789 with JSON Merge Patch semantics, RFC 7396): absent from the body
/// (<see cref="IsSet"/> false: leave the field alone), or present with a value, which may be null (clear the field).
/// On the wire it is just the value; <see cref="OptionalJsonConverterFactory"/> reads it and the OpenAPI document
/// describes it as its <typeparamref name="T"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("solifyn.Optional`1")]
[JsonConverter(typeof(OptionalJsonConverterFactory))]
public readonly record struct Optional<T> : IOptional
{
    /// <summary>A present field with <paramref name="value"/> (null clears a nullable field).</summary>
    public Optional(T value)
    {
        Value = value;
        IsSet = true;
    }

    /// <summary>True when the field was in the body, even as null.</summary>
    [Id(0)] public bool IsSet { get; init; }

    /// <summary>The value sent; <c>default</c> when the field was absent.</summary>
    [Id(1)] public T Value { get; init; }

    object? IOptional.BoxedValue => Value;

    /// <summary>A present field.</summary>
    public static implicit operator Optional<T>(T value) => new(value);

    /// <summary>The value, <c>null</c>, or <c>(absent)</c>.</summary>
    public override string ToString() => !IsSet ? "(absent)" : Value?.ToString() ?? "null";
}

/// <summary>An <see cref="Optional{T}"/> of any T, for code that checks fields generically.</summary>
public interface IOptional
{
    /// <summary>True when the field was in the body, even as null.</summary>
    bool IsSet { get; }

    /// <summary>The value sent, boxed.</summary>
    object? BoxedValue { get; }
}
