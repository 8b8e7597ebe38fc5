using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using RnnGen.Data.Music;

namespace MusicGen;

/// <summary>What abc2midi made of one .abc file.</summary>
/// <param name="File">The .abc file.</param>
/// <param name="ExitCode">abc2midi's exit code.</param>
/// <param name="Errors">Its output lines that start with "Error".</param>
/// <param name="Notes">The sounding notes of the MIDI file it wrote, or null when it wrote none or one that cannot be read.</param>
/// <param name="Midi">"written", "none", or "unreadable: " and why (abc2midi can write a broken file from a broken tune).</param>
internal sealed record AbcCheckResult(string File, int ExitCode, int Errors, int? Notes, string Midi)
{
    /// <summary>
    /// abc2midi accepts the tune: it exits with 0, prints no line that starts with "Error" (it exits with 0 after most
    /// errors, so the exit code alone accepts nearly anything), and writes a MIDI file with at least one note (a tune
    /// whose notes it dropped, or that ends at a blank line before any note, gives an empty one).
    /// </summary>
    public bool Accepted => ExitCode == 0 && Errors == 0 && Notes > 0;
}

/// <summary>Runs abc2midi (Debian's abcmidi) on .abc files, writing each MIDI file beside its tune.</summary>
internal static class AbcCheck
{
    public static AbcCheckResult Run(string abcFile)
    {
        string midi = Path.ChangeExtension(abcFile, ".mid");
        File.Delete(midi);
        var start = new ProcessStartInfo("abc2midi")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(abcFile);
        start.ArgumentList.Add("-o");
        start.ArgumentList.Add(midi);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new IOException("abc2midi did not start.");
        }
        catch (Win32Exception e)
        {
            throw new IOException($"abc2midi cannot be run ({e.Message}); install it: apt-get install -y abcmidi", e);
        }
        using (process)
        {
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                process.Kill(entireProcessTree: true);
                throw new IOException($"abc2midi did not finish {abcFile} within 30 s.");
            }
            string output = stdout.GetAwaiter().GetResult() + "\n" + stderr.GetAwaiter().GetResult();
            int errors = output.Split('\n').Count(l => l.StartsWith("Error", StringComparison.Ordinal));
            if (!File.Exists(midi)) return new AbcCheckResult(abcFile, process.ExitCode, errors, null, "none");
            try
            {
                return new AbcCheckResult(abcFile, process.ExitCode, errors, MidiNotes.Count(File.ReadAllBytes(midi)), "written");
            }
            catch (FormatException e)
            {
                return new AbcCheckResult(abcFile, process.ExitCode, errors, null, "unreadable: " + e.Message);
            }
        }
    }
}
