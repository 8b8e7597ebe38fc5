using System.Collections.Generic;
using System.CommandLine;
using System.Linq;

namespace RnnGen.Cli.Commands;

/// <summary>Arguments and options several commands share, declared once so they read the same everywhere.</summary>
internal static class CommonOptions
{
    public static Argument<string> Model(IReadOnlyList<RnnModelInfo> models) => new("model")
    {
        Description = "The model's key: " + string.Join(", ", models.Select(m => m.Key))
            + " (see 'rnngen models'), or a spec file (path/to/<key>.rnn.json), compiled now as the build would.",
    };

    public static Option<string> Weights(bool required) => new("--weights", "-w")
    {
        Description = required
            ? "A safetensors file with the model's tensors Waa, Wax, ba, Wya and by."
            : "A safetensors file with the model's tensors (default: a compiled model's shipped weights, models/<weights> beside rnngen; "
              + "a spec's weights file, beside the spec).",
        HelpName = "file",
        Required = required,
    };

    public static Option<string> Input() => new("--input", "-i")
    {
        Description = "The input: one sequence per line, read and answered as it comes (default, or '-': standard input).",
        HelpName = "file",
    };

    /// <summary>The most threads a streaming command takes.</summary>
    public const int MaxThreads = 256;

    public static Option<int> Threads()
    {
        var threads = new Option<int>("--threads")
        {
            Description = "Threads that run the lines at once (default: the machine's cores); the output is the same, in input order, on any number.",
            HelpName = "n",
            DefaultValueFactory = _ => System.Environment.ProcessorCount,
        };
        threads.Validators.Add(result =>
        {
            int value = result.GetValueOrDefault<int>();
            if (value < 1 || value > MaxThreads) result.AddError($"--threads must be from 1 to {Numbers.Int(MaxThreads)}, not {Numbers.Int(value)}");
        });
        return threads;
    }
}
