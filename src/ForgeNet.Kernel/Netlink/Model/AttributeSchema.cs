namespace ForgeNet.Kernel.Netlink.Model;

/// <summary>The types an attribute set knows and how each is typed; every other type is kept raw.</summary>
internal sealed class AttributeSchema
{
    private readonly Dictionary<ushort, (AttributeKind Kind, AttributeSchema? Nested)> _rules = [];

    public AttributeSchema Add(AttributeKind kind, params ushort[] types)
    {
        foreach (var type in types) _rules[type] = (kind, null);
        return this;
    }

    public AttributeSchema AddNested(ushort type, AttributeSchema nested)
    {
        _rules[type] = (AttributeKind.Nested, nested);
        return this;
    }

    public (AttributeKind Kind, AttributeSchema? Nested) Rule(ushort type) =>
        _rules.TryGetValue(type, out var rule) ? rule : (AttributeKind.Raw, null);
}
