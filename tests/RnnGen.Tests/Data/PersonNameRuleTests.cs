using System.Linq;
using RnnGen.Data.Names;
using Xunit;

namespace RnnGen.Tests.Data;

/// <summary>The person-name rule on made-up sentences in the Brown corpus's format (no corpus text).</summary>
public sealed class PersonNameRuleTests
{
    private static readonly GivenNames Names = new(["John", "Mary", "Nikolai", "June", "Virginia", "Carolina", "Austin"]);

    /// <summary>The rule's labels of one made-up document, as the words each sentence's person tokens spell.</summary>
    private static string[][] Persons(params string[] sentences) => Persons(new PersonNameRule(Names), sentences);

    private static string[][] Persons(PersonNameRule rule, params string[] sentences)
    {
        BrownDocument document = BrownDocument.Parse("ca01", string.Join("\n\n", sentences.Select(s => "\t" + s)));
        NameRule[][] labels = rule.Label(document);
        return document.Sentences.Select((tokens, s) => tokens.Where((_, i) => labels[s][i] != NameRule.None).Select(t => t.Word).ToArray()).ToArray();
    }

    private static NameRule[] Rules(string sentence)
    {
        BrownDocument document = BrownDocument.Parse("ca01", sentence);
        return new PersonNameRule(Names).Label(document)[0];
    }

    [Fact]
    public void A_title_before_a_run_makes_it_a_name_and_stays_O_itself()
    {
        Assert.Equal(["Zork", "Quibble"], Persons("The/at report/nn reached/vbd Judge/nn-tl Zork/np Quibble/np today/nr ./.")[0]);
        Assert.Equal(["Plimsoll"], Persons("Mr./np Plimsoll/np said/vbd no/rb ./.")[0]);
        Assert.Equal(["Austin"], Persons("Dr./nn-tl Austin/np agreed/vbd ./.")[0]); // a place name, but after a title
        Assert.Equal([NameRule.None, NameRule.Title, NameRule.None, NameRule.None], Rules("Mrs./np Grebe/np left/vbd ./."));
    }

    [Fact]
    public void A_run_starting_with_a_given_name_is_a_name_surname_included()
    {
        Assert.Equal(["John", "Zork"], Persons("John/np Zork/np of/in Boston/np laughed/vbd ./.")[0]);
        Assert.Equal(["Mary's"], Persons("Mary's/np$ dog/nn barked/vbd ./.")[0]);
        Assert.Equal([NameRule.GivenName, NameRule.GivenName, NameRule.None], Rules("Nikolai/np Zorkov/np-tl spoke/vbd"));
    }

    [Fact]
    public void Initials_followed_by_a_word_make_a_name_but_initials_alone_do_not()
    {
        Assert.Equal(["J.", "B.", "Zork"], Persons("J./np B./np Zork/np won/vbd ./.")[0]);
        Assert.Empty(Persons("the/at U./np S./np team/nn ./.")[0]);
    }

    [Fact]
    public void Places_are_not_names()
    {
        Assert.Empty(Persons("The/at Zorkville/np-tl County/nn-tl board/nn met/vbd ./.")[0]);          // followed by a title word
        Assert.Empty(Persons("He/pps moved/vbd to/in North/jj-tl Mary/np-tl ./.")[0]);        // continues a title
        Assert.Empty(Persons("She/pps lives/vbz in/in Virginia/np ./.")[0]);                       // a state, not a given name
        Assert.Empty(Persons("They/ppss met/vbd in/in Zorkville/np ./.")[0]);                       // no rule names it
        Assert.Empty(Persons("They/ppss met/vbd in/in Austin/np ./.")[0]);
    }

    [Fact]
    public void Months_and_weekdays_are_not_names()
    {
        Assert.Empty(Persons("The/at vote/nn came/vbd June/np 5/cd ./.")[0]);                     // months are np in Brown
        Assert.Empty(Persons("The/at jury/nn said/vbd Friday/nr an/at inquiry/nn ended/vbd ./.")[0]); // weekdays are nr
        Assert.Equal(["June", "Zork"], Persons("Mrs./np June/np Zork/np sang/vbd ./.")[0]);      // after a title, still a name
    }

    [Fact]
    public void Plurals_are_families_or_groups_not_a_persons_name()
    {
        Assert.Empty(Persons("The/at Zorks/nps and/cc the/at Americans/nps came/vbd ./.")[0]);
    }

    [Fact]
    public void A_surname_alone_is_a_name_when_the_same_document_names_its_bearer_in_full()
    {
        string[][] persons = Persons(
            "Zork/np spoke/vbd first/rb ./.",
            "John/np Zork/np Jr./np ,/, the/at mayor/nn ,/, agreed/vbd ./.",
            "Later/rb Zork's/np$ aide/nn and/cc Quibble/np left/vbd ./.");
        Assert.Equal(["Zork"], persons[0]);                     // before the full name, too
        Assert.Equal(["John", "Zork", "Jr."], persons[1]);
        Assert.Equal(["Zork's"], persons[2]);                   // possessive; Quibble is never named in full
        Assert.Empty(Persons(new PersonNameRule(Names, sameDocument: false), "Zork/np spoke/vbd ./.", "John/np Zork/np agreed/vbd ./.")[0]);
    }

    [Fact]
    public void A_surname_never_spreads_to_another_document()
    {
        Assert.Empty(Persons("Zork/np spoke/vbd first/rb ./.")[0]);
    }
}
