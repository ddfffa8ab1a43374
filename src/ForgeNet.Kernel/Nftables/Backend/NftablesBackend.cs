using ForgeNet.Kernel.Interop;

namespace ForgeNet.Kernel.Nftables;

/// <summary>
/// The real backend, bound to the network namespace it was opened in. Transactions go straight to nf_tables over
/// netlink when every command can be written that way (see <see cref="NftablesBackendOptions.DirectNetlink"/>), else
/// through libnftables as JSON; reads go through libnftables. Opened with <see cref="OpenIn(Func{Func{NftContext}, NftContext}, NftablesBackendOptions)"/>,
/// the libnftables context is made on first use (loading libnftables and its libraries costs milliseconds that a
/// process whose transactions all go direct need not pay). Thread-safe (each path serialises its calls).
/// </summary>
public sealed partial class NftablesBackend : INftablesBackend, IDisposable
{
    private static readonly string ListTablesJson = """{"nftables":[{"list":{"tables":null}}]}""";

    private readonly Lazy<NftContext> _context;
    private readonly bool _ownsContext;
    private readonly NftNetlinkSocket? _netlink;
    private readonly NftSetShapeCache? _shapes;
    private readonly Lock _direct = new();
    private long _directCount;
    private long _libnftablesCount;
    private string? _lastFallback;

    /// <summary>Uses <paramref name="context"/> for everything (no direct path); disposes it with the backend when <paramref name="ownsContext"/>.</summary>
    public NftablesBackend(NftContext context, bool ownsContext = false)
        : this(new Lazy<NftContext>(context ?? throw new ArgumentNullException(nameof(context))), ownsContext, netlink: null)
    {
    }

    private NftablesBackend(Lazy<NftContext> context, bool ownsContext, NftNetlinkSocket? netlink)
    {
        _context = context;
        _ownsContext = ownsContext;
        _netlink = netlink;
        _shapes = netlink is null ? null : new NftSetShapeCache(netlink.GetSet);
    }

    /// <summary>A backend for the calling thread's network namespace.</summary>
    public static NftablesBackend Open() => Open(new NftablesBackendOptions());

    /// <summary>A backend for the calling thread's network namespace, with <paramref name="options"/>.</summary>
    public static NftablesBackend Open(NftablesBackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var netlink = options.DirectNetlink ? NftNetlinkSocket.Open() : null;
        try
        {
            return new NftablesBackend(new Lazy<NftContext>(NftContext.Create()), ownsContext: true, netlink);
        }
        catch
        {
            netlink?.Dispose();
            throw;
        }
    }

    /// <summary>A backend for the namespace <paramref name="runInNamespace"/> runs its argument in (see <see cref="NftContext.CreateIn"/>).</summary>
    public static NftablesBackend OpenIn(Func<Func<NftContext>, NftContext> runInNamespace) => OpenIn(runInNamespace, new NftablesBackendOptions());

    /// <summary>
    /// <see cref="OpenIn(Func{Func{NftContext}, NftContext})"/> with <paramref name="options"/>: the direct socket is opened
    /// inside the namespace now, the libnftables context through <paramref name="runInNamespace"/> when first needed (so
    /// it must stay usable for the backend's lifetime).
    /// </summary>
    public static NftablesBackend OpenIn(Func<Func<NftContext>, NftContext> runInNamespace, NftablesBackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(runInNamespace);
        ArgumentNullException.ThrowIfNull(options);
        NftNetlinkSocket? netlink = null;
        try
        {
            if (!options.DirectNetlink)
                return new NftablesBackend(new Lazy<NftContext>(runInNamespace(NftContext.Create)), ownsContext: true, netlink: null);
            runInNamespace(() =>
            {
                netlink = NftNetlinkSocket.Open();
                return null!;
            });
            return new NftablesBackend(new Lazy<NftContext>(() => runInNamespace(NftContext.Create)), ownsContext: true, netlink);
        }
        catch
        {
            netlink?.Dispose();
            throw;
        }
    }

    public NftContext Context => _context.Value;

    /// <summary>How many transactions took each path, and why the last one that could not go direct went to libnftables.</summary>
    public NftApplyCounts Counts => new(Interlocked.Read(ref _directCount), Interlocked.Read(ref _libnftablesCount), Volatile.Read(ref _lastFallback));

    public void Apply(NftTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        if (transaction.IsEmpty)
            return;
        if (_netlink is not null && TryApplyDirect(transaction))
            return;
        ApplyJson(transaction);
    }

    private void ApplyJson(NftTransaction transaction)
    {
        // Serialise first: a model error is an ArgumentException before anything reaches the kernel.
        var json = NftJsonWriter.WriteUtf8(transaction);
        // libnftables may create, delete or retype sets this backend has cached.
        lock (_direct)
            _shapes?.Clear();
        try
        {
            _context.Value.RunJson(json);
            Interlocked.Increment(ref _libnftablesCount);
        }
        catch (NftablesException e)
        {
            throw new NftablesException($"apply nftables transaction of {transaction.Commands.Count} commands", e.NftError, e.Command);
        }
    }

    public NftTableState? ListTable(NftFamily family, string name)
    {
        var table = new NftTable(family, name);
        var command = NftJsonWriter.ListTableCommand(table);
        string output;
        try
        {
            output = _context.Value.RunJson(command);
        }
        catch (NftablesException e) when (e.IsNotFound)
        {
            return null;
        }
        return NftJsonReader.ReadTableState(output, table.Family, table.Name);
    }

    public bool TableExists(NftFamily family, string name) => ListTables().Contains(new NftTable(family, name));

    public IReadOnlyList<NftTable> ListTables() => NftJsonReader.ReadTables(_context.Value.RunJson(ListTablesJson));

    public void Dispose()
    {
        _netlink?.Dispose();
        if (_ownsContext && _context.IsValueCreated)
            _context.Value.Dispose();
    }
}
