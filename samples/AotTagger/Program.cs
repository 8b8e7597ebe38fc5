using System;
using System.Collections.Generic;
using System.Globalization;
using RnnGen.Models;

// Tags a sentence with the shipped name-tagging model: one row per word, its output and, at >= 0.5, its label.
string text = args.Length > 0 ? string.Join(' ', args) : "Sam Li and Tom date on Tuesday.";
NameTagger model = NameTagger.Load();                 // models/name-tagger.safetensors beside the binary
IReadOnlyList<string> words = NameTagger.Tokenize(text);
NameTagger.Output[] outputs = model.Forward(text);
for (int t = 0; t < words.Count; t++)
{
    float p = outputs[t].Person;
    Console.WriteLine($"{words[t],-8} {p.ToString("0.0000", CultureInfo.InvariantCulture)}{(p >= 0.5f ? "  person" : "")}");
}
