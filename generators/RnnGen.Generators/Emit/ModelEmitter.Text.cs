using RnnGen.Generators.Model;
using static RnnGen.Generators.Emit.Literals;

namespace RnnGen.Generators.Emit;

/// <summary>One-hot models' text API: the vocabulary, Tokenize and Encode (the tokens are in their own file).</summary>
internal static partial class ModelEmitter
{
    private static void TextApi(SourceWriter w, ModelSpec m)
    {
        if (!m.Input.HasVocabulary)
        {
            w.Line("global::RnnGen.Vocabulary? global::RnnGen.IOneHotRnnModel.Vocabulary => null;");
            w.Line();
            return;
        }
        string tokenizer = m.Input.Tokenizer switch
        {
            TokenizerKind.Words => "Words",
            TokenizerKind.Characters => "Characters",
            TokenizerKind.Text => "Text",
            _ => throw Exhaustive.Unhandled(m.Input.Tokenizer),
        };
        w.Line("/// <summary>");
        w.Doc($"The vocabulary of {Xml(m.Input.VocabularyFile)}: token index = line number (from 0); unknown words map to &lt;UNK&gt;.");
        w.Line("/// </summary>");
        w.Line("public static global::RnnGen.Vocabulary Vocabulary => VocabularyHolder.Instance;");
        w.Line();
        w.Line("global::RnnGen.Vocabulary? global::RnnGen.IOneHotRnnModel.Vocabulary => Vocabulary;");
        w.Line();
        w.Line("/// <summary>The index of &lt;UNK&gt;, which every word outside the vocabulary maps to.</summary>");
        w.Line($"public const int UnknownToken = {Int(m.Input.UnknownIndex)};");
        w.Line();
        w.Line(m.Input.Tokenizer switch
        {
            TokenizerKind.Words => "/// <summary>Splits text into words the way this model reads it: letters, digits, inner apostrophes and hyphens.</summary>",
            TokenizerKind.Characters => "/// <summary>Splits text into characters the way this model reads it: every non-space character, upper-cased.</summary>",
            _ => "/// <summary>Splits text into characters the way this model reads it: every character as written, white space included.</summary>",
        });
        w.Line("public static global::System.Collections.Generic.IReadOnlyList<string> Tokenize(string text) =>");
        w.Line($"    global::RnnGen.Tokenizer.{tokenizer}(text);");
        w.Line();
        w.Line("/// <summary>The token index of one word, or <see cref=\"UnknownToken\"/> when the vocabulary lacks it.</summary>");
        w.Line("public static int Encode(string word) => Vocabulary.IndexOf(word);");
        w.Line();
        if (m.Classifier)
        {
            w.Line("/// <summary>Tokenizes <paramref name=\"text\"/> and classifies it: ŷ after its last token (allocates the tokens).</summary>");
            w.Line("/// <exception cref=\"global::System.ArgumentException\">The text has no token.</exception>");
            w.Line("public Output Forward(string text) => Forward(Vocabulary.Encode(Tokenize(text)));");
        }
        else
        {
            w.Line("/// <summary>Tokenizes <paramref name=\"text\"/> and runs the model on it from a&lt;0&gt; = 0 (allocates).</summary>");
            w.Line("/// <returns>One output per token of <see cref=\"Tokenize\"/>.</returns>");
            w.Line("public Output[] Forward(string text) => Forward(Vocabulary.Encode(Tokenize(text)));");
        }
        w.Line();
        w.Line("/// <summary>Builds the vocabulary on first use, so a model that is only given indices never pays for it.</summary>");
        using (w.Block("private static class VocabularyHolder"))
        {
            w.Line("public static readonly global::RnnGen.Vocabulary Instance = global::RnnGen.Vocabulary.FromFileLines(VocabularyTokens());");
        }
        w.Line();
    }
}
