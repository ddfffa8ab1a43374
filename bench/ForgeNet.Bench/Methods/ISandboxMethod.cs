namespace ForgeNet.Bench.Methods;

/// <summary>One way of setting up and tearing down a sandbox; all calls run on the host namespace's thread.</summary>
internal interface ISandboxMethod
{
    /// <summary>Name on the command line and in the report.</summary>
    string Name { get; }

    /// <summary>Untimed: creates the network (bridge, gateway address) the sandboxes join.</summary>
    void Prepare(MethodContext context);

    /// <summary>Timed: sandbox index gets its netns, veth on the bridge, lo and eth0 up, address, default route.</summary>
    void Setup(int index);

    /// <summary>Timed: removes what <see cref="Setup"/> made, as the tool itself would.</summary>
    void Teardown(int index);

    /// <summary>Untimed: removes the network.</summary>
    void Finish();

    /// <summary>The one-line text of a failure as the report should quote it.</summary>
    string Describe(Exception error) => error.Message;
}
