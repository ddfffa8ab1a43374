using ForgeNet.Cni.Chain;

namespace ForgeNet.Cni.Tests.Chain;

public sealed class PluginLocatorTests : IDisposable
{
    private readonly FakePluginDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("../x")]
    [InlineData("/bin/sh")]
    [InlineData("a/b")]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("bridge\0")]
    [InlineData("br idge")]
    [InlineData("..\\x")]
    public void Find_PathLikeType_IsRefusedBeforeLookup(string type)
    {
        var locator = new PluginLocator([_dir.Plugins]);

        var e = Assert.Throws<CniConfigException>(() => locator.Find(type));
        Assert.Contains("not a bare executable name", e.Message);
    }

    [Fact]
    public void Find_TraversalToExistingBinary_IsRefused()
    {
        // The binary exists one level up; a relative type must still not reach it.
        _dir.Add("outside", _dir.Root);
        var locator = new PluginLocator([_dir.Plugins]);

        Assert.Throws<CniConfigException>(() => locator.Find("../outside"));
    }

    [Fact]
    public void Find_SecondDirectory_FindsPluginThere()
    {
        var second = Directory.CreateDirectory(Path.Join(_dir.Root, "second")).FullName;
        var path = _dir.Add("late", second);
        var locator = new PluginLocator([_dir.Plugins, second]);

        Assert.Equal(path, locator.Find("late"));
        Assert.Equal($"{_dir.Plugins}:{second}", locator.CniPath);
    }

    [Fact]
    public void Find_NotExecutable_IsNotFound()
    {
        var path = _dir.Add("noexec");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var e = Assert.Throws<CniConfigException>(() => new PluginLocator([_dir.Plugins]).Find("noexec"));
        Assert.Contains("not found", e.Message);
    }

    [Fact]
    public void Find_Directory_IsNotFound()
    {
        Directory.CreateDirectory(Path.Join(_dir.Plugins, "adir"));

        Assert.Throws<CniConfigException>(() => new PluginLocator([_dir.Plugins]).Find("adir"));
    }

    [Fact]
    public void Find_SymlinkInPluginDirectory_IsFollowed()
    {
        // Documented choice: a link placed in a plugin directory by its owner is honoured, as PATH lookup does.
        var target = _dir.Add("real", _dir.Root);
        File.CreateSymbolicLink(Path.Join(_dir.Plugins, "linked"), target);

        Assert.Equal(Path.Join(_dir.Plugins, "linked"), new PluginLocator([_dir.Plugins]).Find("linked"));
    }

    [Fact]
    public void Constructor_RelativeDirectory_IsRefused()
    {
        Assert.Throws<CniConfigException>(() => new PluginLocator(["opt/cni/bin"]));
    }

    [Fact]
    public void Constructor_NoDirectory_IsRefused()
    {
        Assert.Throws<CniConfigException>(() => new PluginLocator(["", ""]));
    }
}
