using System.CommandLine;

namespace RnnGen.Data.Commands;

/// <summary>Options several commands share.</summary>
internal static class Options
{
    public static Option<string> Cache() => new("--cache")
    {
        Description = "The folder scripts/fetch-data.sh fetched into.",
        HelpName = "dir",
        DefaultValueFactory = _ => "data/cache",
    };

    public static Option<string> Out(string defaultFolder) => new("--out")
    {
        Description = "The folder to write into (created if missing; its files are overwritten).",
        HelpName = "dir",
        DefaultValueFactory = _ => defaultFolder,
    };
}
