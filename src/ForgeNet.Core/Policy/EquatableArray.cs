namespace ForgeNet.Core.Policy;

/// <summary>Builds <see cref="EquatableArray{T}"/> values (also from collection expressions).</summary>
public static class EquatableArray
{
    /// <summary>A list holding a copy of <paramref name="items"/>.</summary>
    public static EquatableArray<T> Create<T>(ReadOnlySpan<T> items) => new(System.Collections.Immutable.ImmutableArray.Create(items));
}
