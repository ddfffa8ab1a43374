namespace ForgeNet.Bench;

/// <summary>Progress lines on stderr, so a long run shows it is alive without flooding the terminal.</summary>
internal static class Progress
{
    public static void Tick(string method, int size, string phase, int done)
    {
        if (done == size || done % 100 == 0)
        {
            Console.Error.WriteLine($"  {method,-8} n={size,-5} {phase,-8} {done}/{size}");
        }
    }

    public static void Say(string line) => Console.Error.WriteLine(line);
}
