using System.Text.RegularExpressions;

namespace ForgeNet.Core.Policy;

/// <summary>Which sandboxes a rule means: one by name, or every one carrying all the given labels.</summary>
public sealed partial record PeerSelector
{
    private PeerSelector(string? name, EquatableArray<Label> labels) => (Name, Labels) = (name, labels);

    /// <summary>The sandbox's name, or null for a label selector.</summary>
    public string? Name { get; }

    /// <summary>Labels a sandbox must all carry (sorted by key); empty for a name selector.</summary>
    public EquatableArray<Label> Labels { get; }

    /// <summary>
    /// What the firewall keys the selector's peer set by: the sandbox's name, or <c>labels:k1=v1,k2=v2</c> (sorted; a
    /// sandbox name holds no ':', so the two never collide).
    /// </summary>
    public string Key => Name ?? LabelKeyPrefix + string.Join(",", Labels.Select(l => l.ToString()));

    /// <summary>The start of the <see cref="Key"/> of every label selector.</summary>
    public const string LabelKeyPrefix = "labels:";

    /// <summary>True when the sandbox called <paramref name="name"/> carrying <paramref name="labels"/> is selected.</summary>
    public bool Selects(string name, IEnumerable<Label> labels) =>
        Name is not null ? string.Equals(Name, name, StringComparison.Ordinal) : Labels.All(labels.Contains);

    /// <summary>The selector a <see cref="Key"/> stands for.</summary>
    public static PeerSelector FromKey(string key) => key.StartsWith(LabelKeyPrefix, StringComparison.Ordinal)
        ? ByLabels(key[LabelKeyPrefix.Length..].Split(',').Select(kv => kv.Split('=', 2)).Select(kv => new Label(kv[0], kv[1])))
        : ByName(key);

    /// <summary>The sandbox named <paramref name="name"/>.</summary>
    public static PeerSelector ByName(string name) =>
        IsValidName(name) ? new(name, []) : throw new ArgumentException($"'{name}' is not a sandbox name", nameof(name));

    /// <summary>Every sandbox that carries all of <paramref name="labels"/>.</summary>
    public static PeerSelector ByLabels(IEnumerable<Label> labels)
    {
        var sorted = labels.OrderBy(l => l.Key, StringComparer.Ordinal).ToArray();
        if (sorted.Length == 0) throw new ArgumentException("a label selector needs at least one label", nameof(labels));
        foreach (var label in sorted)
        {
            if (!IsValidLabelKey(label.Key)) throw new ArgumentException($"'{label.Key}' is not a label key", nameof(labels));
            if (!IsValidLabelValue(label.Value)) throw new ArgumentException($"'{label.Value}' is not a label value", nameof(labels));
        }
        for (var i = 1; i < sorted.Length; i++)
            if (sorted[i].Key == sorted[i - 1].Key) throw new ArgumentException($"label '{sorted[i].Key}' is given twice", nameof(labels));
        return new(null, new EquatableArray<Label>(sorted));
    }

    /// <summary>Sandbox names: 1-63 characters from [a-zA-Z0-9_.-], starting with a letter or digit.</summary>
    public static bool IsValidName(string? name) => name is not null && NamePattern().IsMatch(name);

    /// <summary>Label keys as Kubernetes writes them: an optional DNS prefix and '/', then a name of up to 63 characters.</summary>
    public static bool IsValidLabelKey(string? key) => key is { Length: <= 253 } && LabelKeyPattern().IsMatch(key);

    /// <summary>Label values: empty, or up to 63 characters from [a-zA-Z0-9_.-], starting and ending with a letter or digit.</summary>
    public static bool IsValidLabelValue(string? value) => value is not null && LabelValuePattern().IsMatch(value);

    public override string ToString() => Name ?? string.Join(",", Labels);

    // \z, not $: $ also matches before a trailing newline.
    [GeneratedRegex(@"^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}\z")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^([a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?/)?[a-zA-Z0-9]([a-zA-Z0-9_.-]{0,61}[a-zA-Z0-9])?\z")]
    private static partial Regex LabelKeyPattern();

    [GeneratedRegex(@"^([a-zA-Z0-9]([a-zA-Z0-9_.-]{0,61}[a-zA-Z0-9])?)?\z")]
    private static partial Regex LabelValuePattern();
}
