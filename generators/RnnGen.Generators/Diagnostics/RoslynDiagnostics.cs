using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace RnnGen.Generators.Diagnostics;

/// <summary>The last step of a diagnostic's life: plain data → a Roslyn <see cref="Diagnostic"/> at its place in the file.</summary>
internal static class RoslynDiagnostics
{
    // One descriptor per rule, each a field whose id, category and severity are constants, so that
    // Microsoft.CodeAnalysis.Analyzers' release tracking reads them and checks them against AnalyzerReleases.Shipped.md
    // and AnalyzerReleases.Unshipped.md (RS2000: a rule in no release; RS2001: a changed category or severity; RS2002:
    // a rule in a release file that no descriptor has). The analyzer sees only descriptors created in a field's
    // initializer, hence a field each. Title, message and help link come from DiagnosticRules; a test checks that
    // every rule there has exactly one descriptor here, of its severity.

    public static readonly DiagnosticDescriptor InvalidJson = new(
        "RNN0001", Title("RNN0001"), Message("RNN0001"), DiagnosticRule.Category, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: Help("RNN0001"));

    public static readonly DiagnosticDescriptor MissingProperty = new(
        "RNN0002", Title("RNN0002"), Message("RNN0002"), DiagnosticRule.Category, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: Help("RNN0002"));

    public static readonly DiagnosticDescriptor UnknownProperty = new(
        "RNN0003", Title("RNN0003"), Message("RNN0003"), DiagnosticRule.Category, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: Help("RNN0003"));

    public static readonly DiagnosticDescriptor WrongType = new(
        "RNN0004", Title("RNN0004"), Message("RNN0004"), DiagnosticRule.Category, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: Help("RNN0004"));

    public static readonly DiagnosticDescriptor SizeOutOfRange = new(
        "RNN0005", Title("RNN0005"), Message("RNN0005"), DiagnosticRule.Category, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: Help("RNN0005"));

    public static readonly DiagnosticDescriptor UnknownActivation = new(
        "RNN0006", Title("RNN0006"), Message("RNN0006"), DiagnosticRule.Category, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: Help("RNN0006"));

    public static readonly DiagnosticDescriptor UnknownEncoding = new(
        "RNN0007", Title("RNN0007"), Message("RNN0007"), DiagnosticRule.Category, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: Help("RNN0007"));

    public static readonly DiagnosticDescriptor UnknownTokenizer = new(
        "RNN0008", Title("RNN0008"), Message("RNN0008"), DiagnosticRule.Category, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: Help("RNN0008"));

    public static readonly DiagnosticDescriptor InvalidTypeName = new(
        "RNN0009", Title("RNN0009"), Message("RNN0009"), DiagnosticRule.Category, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: Help("RNN0009"));

    public static readonly DiagnosticDescriptor InvalidNamespace = new(
        "RNN0010", Title("RNN0010"), Message("RNN0010"), DiagnosticRule.Category, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: Help("RNN0010"));

    public static readonly DiagnosticDescriptor VocabularyNotFound = new(
        "RNN0011", Title("RNN0011"), Message("RNN0011"), DiagnosticRule.Category, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: Help("RNN0011"));

    public static readonly DiagnosticDescriptor VocabularyWithoutUnknown = new(
        "RNN0012", Title("RNN0012"), Message("RNN0012"), DiagnosticRule.Category, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: Help("RNN0012"));

    public static readonly DiagnosticDescriptor DuplicateToken = new(
        "RNN0013", Title("RNN0013"), Message("RNN0013"), DiagnosticRule.Category, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: Help("RNN0013"));

    public static readonly DiagnosticDescriptor InvalidToken = new(
        "RNN0014", Title("RNN0014"), Message("RNN0014"), DiagnosticRule.Category, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: Help("RNN0014"));

    public static readonly DiagnosticDescriptor InputSizeMismatch = new(
        "RNN0015", Title("RNN0015"), Message("RNN0015"), DiagnosticRule.Category, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: Help("RNN0015"));

    public static readonly DiagnosticDescriptor LabelCountMismatch = new(
        "RNN0016", Title("RNN0016"), Message("RNN0016"), DiagnosticRule.Category, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: Help("RNN0016"));

    public static readonly DiagnosticDescriptor InvalidLabel = new(
        "RNN0017", Title("RNN0017"), Message("RNN0017"), DiagnosticRule.Category, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: Help("RNN0017"));

    public static readonly DiagnosticDescriptor OneHotOnly = new(
        "RNN0018", Title("RNN0018"), Message("RNN0018"), DiagnosticRule.Category, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: Help("RNN0018"));

    public static readonly DiagnosticDescriptor InvalidWeightsPath = new(
        "RNN0019", Title("RNN0019"), Message("RNN0019"), DiagnosticRule.Category, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: Help("RNN0019"));

    public static readonly DiagnosticDescriptor DuplicateProperty = new(
        "RNN0020", Title("RNN0020"), Message("RNN0020"), DiagnosticRule.Category, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: Help("RNN0020"));

    public static readonly DiagnosticDescriptor DuplicateModel = new(
        "RNN0021", Title("RNN0021"), Message("RNN0021"), DiagnosticRule.Category, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: Help("RNN0021"));

    public static readonly DiagnosticDescriptor SoftmaxOfOne = new(
        "RNN0022", Title("RNN0022"), Message("RNN0022"), DiagnosticRule.Category, DiagnosticSeverity.Warning,
        isEnabledByDefault: true, helpLinkUri: Help("RNN0022"));

    public static readonly DiagnosticDescriptor DuplicateKey = new(
        "RNN0023", Title("RNN0023"), Message("RNN0023"), DiagnosticRule.Category, DiagnosticSeverity.Warning,
        isEnabledByDefault: true, helpLinkUri: Help("RNN0023"));

    public static readonly DiagnosticDescriptor InvalidVocabularyPath = new(
        "RNN0024", Title("RNN0024"), Message("RNN0024"), DiagnosticRule.Category, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: Help("RNN0024"));

    public static readonly DiagnosticDescriptor ModelTooLarge = new(
        "RNN0025", Title("RNN0025"), Message("RNN0025"), DiagnosticRule.Category, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: Help("RNN0025"));

    public static readonly DiagnosticDescriptor UnknownCell = new(
        "RNN0026", Title("RNN0026"), Message("RNN0026"), DiagnosticRule.Category, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: Help("RNN0026"));

    public static readonly DiagnosticDescriptor FixedActivation = new(
        "RNN0027", Title("RNN0027"), Message("RNN0027"), DiagnosticRule.Category, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: Help("RNN0027"));

    public static readonly DiagnosticDescriptor InvalidModulePath = new(
        "RNN0028", Title("RNN0028"), Message("RNN0028"), DiagnosticRule.Category, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: Help("RNN0028"));

    public static readonly DiagnosticDescriptor ModuleNotInModel = new(
        "RNN0029", Title("RNN0029"), Message("RNN0029"), DiagnosticRule.Category, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: Help("RNN0029"));

    public static readonly DiagnosticDescriptor DuplicateModulePath = new(
        "RNN0030", Title("RNN0030"), Message("RNN0030"), DiagnosticRule.Category, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: Help("RNN0030"));

    public static readonly DiagnosticDescriptor FileNotRead = new(
        "RNN0031", Title("RNN0031"), Message("RNN0031"), DiagnosticRule.Category, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: Help("RNN0031"));

    public static readonly DiagnosticDescriptor TooManyProblems = new(
        "RNN0032", Title("RNN0032"), Message("RNN0032"), DiagnosticRule.Category, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: Help("RNN0032"));

    public static readonly DiagnosticDescriptor LabelWithoutProperty = new(
        "RNN0033", Title("RNN0033"), Message("RNN0033"), DiagnosticRule.Category, DiagnosticSeverity.Warning,
        isEnabledByDefault: true, helpLinkUri: Help("RNN0033"));

    public static readonly DiagnosticDescriptor TextTooLong = new(
        "RNN0034", Title("RNN0034"), Message("RNN0034"), DiagnosticRule.Category, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: Help("RNN0034"));

    public static readonly DiagnosticDescriptor TypeIsNamespace = new(
        "RNN0035", Title("RNN0035"), Message("RNN0035"), DiagnosticRule.Category, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: Help("RNN0035"));

    public static readonly DiagnosticDescriptor UnknownShape = new(
        "RNN0036", Title("RNN0036"), Message("RNN0036"), DiagnosticRule.Category, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: Help("RNN0036"));

    public static readonly DiagnosticDescriptor ShapeConflict = new(
        "RNN0037", Title("RNN0037"), Message("RNN0037"), DiagnosticRule.Category, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: Help("RNN0037"));

    public static readonly DiagnosticDescriptor InternalError = new(
        "RNN0099", Title("RNN0099"), Message("RNN0099"), DiagnosticRule.Category, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: Help("RNN0099"));

    /// <summary>Every descriptor, in id order.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All { get; } = new[]
    {
        InvalidJson, MissingProperty, UnknownProperty, WrongType, SizeOutOfRange, UnknownActivation, UnknownEncoding,
        UnknownTokenizer, InvalidTypeName, InvalidNamespace, VocabularyNotFound, VocabularyWithoutUnknown,
        DuplicateToken, InvalidToken, InputSizeMismatch, LabelCountMismatch, InvalidLabel, OneHotOnly,
        InvalidWeightsPath, DuplicateProperty, DuplicateModel, SoftmaxOfOne, DuplicateKey, InvalidVocabularyPath,
        ModelTooLarge, UnknownCell, FixedActivation, InvalidModulePath, ModuleNotInModel, DuplicateModulePath,
        FileNotRead, TooManyProblems, LabelWithoutProperty, TextTooLong, TypeIsNamespace, UnknownShape, ShapeConflict, InternalError,
    };

    private static readonly Dictionary<string, DiagnosticDescriptor> s_descriptors = All.ToDictionary(d => d.Id);

    private static string Title(string id) => DiagnosticRules.ById(id).Title;

    private static string Message(string id) => DiagnosticRules.ById(id).MessageFormat;

    private static string Help(string id) => DiagnosticRules.ById(id).HelpLink;

    public static DiagnosticDescriptor Descriptor(string id) => s_descriptors[id];

    public static Diagnostic ToDiagnostic(DiagnosticInfo info)
    {
        Location location = Location.Create(
            info.FilePath,
            new TextSpan(info.Range.Start, info.Range.Length),
            new LinePositionSpan(
                new LinePosition(info.Range.StartLine, info.Range.StartColumn),
                new LinePosition(info.Range.EndLine, info.Range.EndColumn)));
        return Diagnostic.Create(Descriptor(info.Id), location, info.Arguments.Cast<object>().ToArray());
    }
}
