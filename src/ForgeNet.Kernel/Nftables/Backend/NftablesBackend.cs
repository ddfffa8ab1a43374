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

    // The libnftables context: made on first use by _create when the backend can make it again (OpenIn with the direct
    // path), so ReleaseContext can free it and the ruleset cache and output buffer it keeps; else given or made at once.
    private readonly Func<NftContext>? _create;
    private readonly Lock _contextGate = new();
    private NftContext? _context;
    private readonly bool _ownsContext;
    private readonly NftNetlinkSocket? _netlink;
    private readonly NftSetShapeCache? _shapes;
    private readonly Lock _direct = new();
    private long _directCount;
    private long _libnftablesCount;
    private string? _lastFallback;

    /// <summary>Uses <paramref name="context"/> for everything (no direct path); disposes it with the backend when <paramref name="ownsContext"/>.</summary>
    public NftablesBackend(NftContext context, bool ownsContext = false)
        : this(context ?? throw new ArgumentNullException(nameof(context)), create: null, ownsContext, netlink: null)
    {
    }

    private NftablesBackend(NftContext? context, Func<NftContext>? create, bool ownsContext, NftNetlinkSocket? netlink)
    {
        _context = context;
        _create = create;
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
            return new NftablesBackend(NftContext.Create(), create: null, ownsContext: true, netlink);
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
                return new NftablesBackend(runInNamespace(NftContext.Create), create: null, ownsContext: true, netlink: null);
            runInNamespace(() =>
            {
                netlink = NftNetlinkSocket.Open();
                return null!;
            });
            return new NftablesBackend(context: null, () => runInNamespace(NftContext.Create), ownsContext: true, netlink);
        }
        catch
        {
            netlink?.Dispose();
            throw;
        }
    }

    /// <summary>The libnftables context (made now if need be). Do not keep it across <see cref="ReleaseContext"/>; prefer <see cref="RunText"/>.</summary>
    public NftContext Context
    {
        get
        {
            lock (_contextGate)
                return CurrentContext();
        }
    }

    /// <summary>Runs nft commands in text form through libnftables and returns the output.</summary>
    public string RunText(string commands) => UseContext(c => c.RunText(commands));

    /// <summary>
    /// Frees the libnftables context, with the copy of the namespace's ruleset it caches and its output buffer (megabytes
    /// after a listing of a large table), when this backend can make it again on next use (<see cref="OpenIn(Func{Func{NftContext}, NftContext}, NftablesBackendOptions)"/>
    /// with the direct path). For a long-lived process that is quiet after a burst of work. True when one was freed.
    /// </summary>
    public bool ReleaseContext()
    {
        lock (_contextGate)
        {
            if (_create is null || _context is null || !_ownsContext)
                return false;
            _context.Dispose();
            _context = null;
            return true;
        }
    }

    private T UseContext<T>(Func<NftContext, T> use)
    {
        // Held for the whole call, so that ReleaseContext never frees a context in use.
        lock (_contextGate)
            return use(CurrentContext());
    }

    private NftContext CurrentContext() => _context ??= _create!();

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
            UseContext(c => c.RunJson(json));
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
            output = UseContext(c => c.RunJson(command));
        }
        catch (NftablesException e) when (e.IsNotFound)
        {
            return null;
        }
        return NftJsonReader.ReadTableState(output, table.Family, table.Name);
    }

    public bool TableExists(NftFamily family, string name) => ListTables().Contains(new NftTable(family, name));

    public IReadOnlyList<NftTable> ListTables() => NftJsonReader.ReadTables(UseContext(c => c.RunJson(ListTablesJson)));

    public void Dispose()
    {
        _netlink?.Dispose();
        lock (_contextGate)
        {
            if (_ownsContext)
                _context?.Dispose();
            _context = null;
        }
    }
}
