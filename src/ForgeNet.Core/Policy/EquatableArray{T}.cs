using System.Collections;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace ForgeNet.Core.Policy;

/// <summary>An immutable list that compares by its elements, so records holding lists compare by value.</summary>
[CollectionBuilder(typeof(EquatableArray), nameof(EquatableArray.Create))]
public readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
{
    // default(ImmutableArray) is the empty list here, so default(EquatableArray<T>) is safe to use.
    private readonly ImmutableArray<T> items;

    /// <summary>A list of <paramref name="items"/>, in order.</summary>
    public EquatableArray(IEnumerable<T> items) => this.items = [.. items];

    internal EquatableArray(ImmutableArray<T> items) => this.items = items;

    /// <summary>The empty list.</summary>
    public static EquatableArray<T> Empty => default;

    /// <summary>How many elements the list holds.</summary>
    public int Count => items.IsDefault ? 0 : items.Length;

    /// <summary>True when the list holds nothing.</summary>
    public bool IsEmpty => Count == 0;

    /// <summary>The element at <paramref name="index"/>.</summary>
    public T this[int index] => items.IsDefault ? throw new IndexOutOfRangeException() : items[index];

    public ImmutableArray<T>.Enumerator GetEnumerator() => (items.IsDefault ? [] : items).GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)(items.IsDefault ? [] : items)).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable<T>)this).GetEnumerator();

    public bool Equals(EquatableArray<T> other)
    {
        if (Count != other.Count) return false;
        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < Count; i++)
            if (!comparer.Equals(items[i], other.items[i])) return false;
        return true;
    }

    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in this) hash.Add(item);
        return hash.ToHashCode();
    }

    public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);

    public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);

    public override string ToString() => $"[{string.Join(", ", this)}]";
}
