namespace ForgeNet.Kernel.Nftables;

/// <summary>
/// The real backend: libnftables through an <see cref="NftContext"/>, bound to the network namespace the context
/// was created in. Thread-safe (the context serialises calls).
/// </summary>
public sealed class NftablesBackend : INftablesBackend, IDisposable
{
    private static readonly string ListTablesJson = """{"nftables":[{"list":{"tables":null}}]}""";

    private readonly NftContext _context;
    private readonly bool _ownsContext;

    /// <summary>Uses <paramref name="context"/>; disposes it with the backend when <paramref name="ownsContext"/>.</summary>
    public NftablesBackend(NftContext context, bool ownsContext = false)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        _ownsContext = ownsContext;
    }

    /// <summary>A backend for the calling thread's network namespace.</summary>
    public static NftablesBackend Open() => new(NftContext.Create(), ownsContext: true);

    /// <summary>A backend for the namespace <paramref name="runInNamespace"/> runs its argument in (see <see cref="NftContext.CreateIn"/>).</summary>
    public static NftablesBackend OpenIn(Func<Func<NftContext>, NftContext> runInNamespace) =>
        new(NftContext.CreateIn(runInNamespace), ownsContext: true);

    public NftContext Context => _context;

    public void Apply(NftTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        if (transaction.IsEmpty)
            return;
        // Serialise first: a model error is an ArgumentException before anything reaches the kernel.
        var json = NftJsonWriter.WriteUtf8(transaction);
        try
        {
            _context.RunJson(json);
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
            output = _context.RunJson(command);
        }
        catch (NftablesException e) when (e.IsNotFound)
        {
            return null;
        }
        return NftJsonReader.ReadTableState(output, table.Family, table.Name);
    }

    public bool TableExists(NftFamily family, string name) => ListTables().Contains(new NftTable(family, name));

    public IReadOnlyList<NftTable> ListTables() => NftJsonReader.ReadTables(_context.RunJson(ListTablesJson));

    public void Dispose()
    {
        if (_ownsContext)
            _context.Dispose();
    }
}
