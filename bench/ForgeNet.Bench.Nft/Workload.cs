using System.Globalization;
using System.Reflection;

namespace ForgeNet.Bench.Nft;

/// <summary>
/// The per-sandbox nftables batches the engine applies, captured as libnftables JSON from
/// <c>Engine.CreateSandbox</c> / <c>RemoveSandbox</c> (a sandbox in mode internal on a bridge network) with the
/// endpoint's port, addresses, MAC and sandbox name turned into placeholders; <see cref="Instantiate"/> fills them
/// in for endpoint number <c>i</c>, so every endpoint gets distinct chains, sets and map keys. The "lean" variant is
/// the same firewall written without per-sandbox sets: no peer sets for names no policy reads ("nopeer" has only
/// that change), and no anonymous sets
/// (a shared named set of ethertypes, two comparisons instead of a two-element set, two rules instead of one).
/// </summary>
internal sealed class Workload(string variant)
{
    public static readonly string[] Variants = ["engine", "nopeer", "lean"];

    private readonly string _prefix = variant == "engine" ? "" : variant + "-";

    public string Variant { get; } = variant;

    public string Skeleton => Load(_prefix + "skeleton.json");

    public string AddEndpoint(int i) => Instantiate(Load(_prefix + "add-endpoint.json"), i);

    public string RemoveEndpoint(int i) => Instantiate(Load(_prefix + "remove-endpoint.json"), i);

    /// <summary>The add batches of endpoints <paramref name="from"/> up to (excluding) <paramref name="to"/>, as one batch.</summary>
    public string AddEndpoints(int from, int to) =>
        Concat(Enumerable.Range(from, to - from).Select(AddEndpoint));

    /// <summary>
    /// <paramref name="count"/> elements for the bridge table's flows4 set, as traffic would have left them: distinct
    /// TCP reply tuples with a one-hour timeout (the set's own timeout is a day).
    /// </summary>
    public static string Flows(int first, int count)
    {
        var elements = Enumerable.Range(first, count).Select(n =>
            "{\"elem\":{\"val\":{\"concat\":[\"10.200." + (n >> 8 & 255) + "." + (n & 255) + "\",\"10.201." + (n >> 16 & 255)
            + ".1\",\"tcp\"," + (1024 + n % 60000) + ",443]},\"timeout\":3600}}");
        return "{\"nftables\":[{\"add\":{\"element\":{\"family\":\"bridge\",\"table\":\"forgenet\",\"name\":\"flows4\",\"elem\":["
            + string.Join(",", elements) + "]}}}]}";
    }

    public static string Instantiate(string template, int i) => template
        .Replace("{port}", "fv" + i.ToString("x10", CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{ip4}", $"10.{100 + (i >> 16)}.{i >> 8 & 255}.{i & 255}", StringComparison.Ordinal)
        .Replace("{ip6}", $"fe80::{i >> 16:x}:{i & 0xffff:x}", StringComparison.Ordinal)
        .Replace("{mac}", $"02:00:00:{i >> 16 & 255:x2}:{i >> 8 & 255:x2}:{i & 255:x2}", StringComparison.Ordinal)
        .Replace("{name}", "s" + i.ToString("d5", CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <summary>Joins JSON batches into one (their command arrays concatenated).</summary>
    public static string Concat(IEnumerable<string> batches)
    {
        const string head = "{\"nftables\":[";
        var bodies = batches.Select(b => b.Trim()).Select(b => b[head.Length..b.LastIndexOf(']')].Trim());
        return head + string.Join(",", bodies) + "]}";
    }

    private static readonly Dictionary<string, string> Loaded = [];

    private static string Load(string name)
    {
        lock (Loaded)
        {
            if (!Loaded.TryGetValue(name, out var text)) Loaded[name] = text = Read(name);
            return text;
        }
    }

    private static string Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"resource {name} missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
