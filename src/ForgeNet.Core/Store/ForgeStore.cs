using ForgeNet.Core.Errors;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ForgeNet.Core.Store;

/// <summary>
/// The SQLite state database (&lt;state dir&gt;/forgenet.db, WAL). One connection, guarded by a lock so an
/// Engine may be used from several threads; writes run in BEGIN IMMEDIATE transactions so concurrent
/// processes serialise on the database lock (busy_timeout 10 s).
/// </summary>
internal sealed partial class ForgeStore : IDisposable
{
    public const string FileName = "forgenet.db";

    private readonly SqliteConnection _db;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private SqliteTransaction? _tx;

    private ForgeStore(SqliteConnection db)
    {
        _db = db;
        InstanceId = (string)Scalar("SELECT value FROM meta WHERE key = 'instance_id'")!;
    }

    /// <summary>Random 8 hex digits made with the database: tags the kernel objects of this store.</summary>
    public string InstanceId { get; }

    /// <summary>Opens (creating 0700 if missing) and migrates the store in <paramref name="directory"/>.</summary>
    public static ForgeStore Open(string directory)
    {
        try
        {
            if (!Directory.Exists(directory))
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var db = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(directory, FileName),
                Pooling = false,
                DefaultTimeout = 30,
            }.ToString());
            db.Open();
            try
            {
                Configure(db);
                Migrate(db);
                return new ForgeStore(db);
            }
            catch
            {
                db.Dispose();
                throw;
            }
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new ForgeException(ErrorKind.Internal, $"open state database in {directory}: {e.Message}", e);
        }
    }

    /// <summary>Runs <paramref name="read"/> without a transaction (each statement sees a consistent snapshot).</summary>
    public T Read<T>(Func<T> read)
    {
        lock (_gate) return read();
    }

    /// <summary>Runs <paramref name="write"/> in one BEGIN IMMEDIATE transaction; any exception rolls it back.</summary>
    public T Write<T>(Func<T> write)
    {
        lock (_gate)
        {
            using var tx = _db.BeginTransaction(deferred: false);
            _tx = tx;
            try
            {
                var result = write();
                tx.Commit();
                _localCommits++;
                return result;
            }
            finally
            {
                _tx = null;
            }
        }
    }

    /// <inheritdoc cref="Write{T}(Func{T})"/>
    public void Write(Action write) => Write(() => { write(); return 0; });

    /// <summary>Frees the connection's page cache (it grows to cache_size, 2 MB, and stays); later reads fill it again from the file.</summary>
    public void ShrinkMemory()
    {
        try
        {
            lock (_gate) Scalar("PRAGMA shrink_memory");
        }
        catch (SqliteException e)
        {
            throw new ForgeException(ErrorKind.Internal, $"free the state database's page cache: {e.Message}", e);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var command in _commands.Values) command.Dispose();
            _commands.Clear();
            _db.Dispose();
        }
    }

    private static void Configure(SqliteConnection db)
    {
        Execute(db, "PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;");
        // forge-cni opens the store once per ADD or DEL. By default the last connection to close checkpoints the WAL
        // into the database and deletes it (two fsyncs and an unlink), and the next process makes a new WAL (another
        // fsync of it and of the directory): ~4 fsyncs per short-lived process. Leaving the WAL in place costs no
        // safety: a committed transaction is in the WAL either way, and after a crash at any point the next open
        // replays the WAL's committed transactions. But a process that opens the database alone rebuilds the WAL index
        // by reading the whole WAL, so the WAL is checkpointed at 128 pages (512 KiB: a few ADDs) instead of 1000.
        Execute(db, "PRAGMA wal_autocheckpoint = 128;");
        var rc = raw.sqlite3_db_config(db.Handle, raw.SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, out _);
        if (rc != raw.SQLITE_OK)
            throw new ForgeException(ErrorKind.Internal, $"configure state database: sqlite3_db_config(NO_CKPT_ON_CLOSE) returned {rc}");
        // Switching to WAL takes an exclusive lock: do it only once per database file.
        if (!string.Equals(ScalarOn(db, "PRAGMA journal_mode") as string, "wal", StringComparison.OrdinalIgnoreCase))
            Execute(db, "PRAGMA journal_mode = WAL;");
    }

    private static void Migrate(SqliteConnection db)
    {
        if (UserVersion(db) == Migrations.Latest) return;
        using var tx = db.BeginTransaction(deferred: false);
        // Re-read under the lock: another process may have migrated meanwhile.
        var version = UserVersion(db, tx);
        if (version > Migrations.Latest)
            throw new ForgeException(ErrorKind.Internal, $"state database schema {version} is newer than this ForgeNet understands ({Migrations.Latest})");
        for (; version < Migrations.Latest; version++)
            Execute(db, Migrations.Steps[version], tx);
        Execute(db, $"PRAGMA user_version = {Migrations.Latest};", tx);
        tx.Commit();
    }

    private static long UserVersion(SqliteConnection db, SqliteTransaction? tx = null) =>
        (long)ScalarOn(db, "PRAGMA user_version", tx)!;

    private static void Execute(SqliteConnection db, string sql, SqliteTransaction? tx = null)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.Transaction = tx;
        command.ExecuteNonQuery();
    }

    private static object? ScalarOn(SqliteConnection db, string sql, SqliteTransaction? tx = null)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.Transaction = tx;
        return command.ExecuteScalar();
    }
}
