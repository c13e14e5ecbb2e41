namespace CultureDiagnostics.Core.Collection;

/// <summary>
/// The words <see cref="NameFinder"/> and <see cref="CommentScreening"/> judge names by, lower case. Data, not
/// rules: an organisation that finds a name missed adds it here.
/// </summary>
internal static class NameLists
{
    private static HashSet<string> Set(string words) =>
        new(words.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);

    /// <summary>Given names common in UK staff records that are not also ordinary words: a name in any case.</summary>
    public static readonly HashSet<string> Given = Set("""
        aaron abdul adam adrian ahmed aidan aisha alan alex alexander alfie ali alice alison amanda amelia amir amy ana andrea andrew
        andy angela anil ann anna anne anthony anya arjun ashley barbara becky ben benjamin bernadette beth bethany brian callum carl
        caroline catherine charlie charlotte cheryl chidi chloe chris christine christopher claire clare colin connor craig dan daniel
        danny darren dave david deborah debbie debra deepa denise dennis diane dominic donna elaine eileen eleanor elizabeth ella ellie
        emily emma fatima fiona gail gareth gary gemma george georgia gillian gordon graham hannah harry hassan hayley helen ian imran
        isabella jackie jacob jacqueline jade james jamie jane janet jason jennifer jenny jessica jill jo joanne joe john jon jonathan
        joseph joshua julia julie justin karen kate katherine kathryn kay keith kelly kevin kieran kim kirsty laura lauren leanne lesley
        liam linda lindsay lisa lorraine louise lucy luke lynne mandy margaret maria matt matthew maureen megan mei michael michelle
        mike mohammed mohammad muhammad nadia naomi natalie nathan neil ngozi nicola nicholas nigel nikki oliver olivia omar owen paul
        pauline pete peter philip piotr priya rachael rachel raj ravi rebecca richard robert ruth ryan sam samantha samuel sandra sanjay
        sarah scott sean sharon shaun sian simon siobhan sophie stacey stephen steve steven stuart sunil sunita susan tariq theresa
        thomas tim tina toby tom tony tracey trevor tunde victoria vicky wei wendy william yusuf yvonne zara zoe
        """);

    /// <summary>Given names that are also ordinary words ("will", "mark", "hope"): a name only where the sentence uses it as one.</summary>
    public static readonly HashSet<string> Ambiguous = Set("""
        will mark hope grace may bill sue rose dawn pat jack josh carol dean lee ed faith joy ray rob nick frank grant guy holly ruby
        amber daisy iris ivy april june august summer penny sandy don ken art bob jean gene ash robin drew jan max pearl heather hazel
        olive violet jasmine rowan miles rich
        """);

    /// <summary>Month names among <see cref="Ambiguous"/>: capitalised in the middle of a sentence they are the month.</summary>
    public static readonly HashSet<string> Months = Set("""
        january february march april may june july august september october november december
        """);

    /// <summary>Common UK surnames that are not ordinary words: a name after a given name, a title, an initial, or capitalised mid-sentence.</summary>
    public static readonly HashSet<string> Surnames = Set("""
        smith jones williams taylor davies evans wilson thomas johnson roberts robinson thompson edwards hughes lewis harris clarke
        patel jackson morris moore clark harrison morgan allen scott phillips watson davis parker bennett griffiths mitchell kelly
        richardson bailey collins murphy miller richards khan marshall anderson simpson ellis adams singh begum wilkinson foster chapman
        powell webb rogers hussain campbell matthews owen holmes barnes lloyd russell fisher stevens jenkins murray dixon harvey graham
        pearson ahmed fletcher walsh kaur gibson howard andrews stewart elliott reynolds saunders payne pearce lawrence atkinson bradley
        spencer dawson burton o'brien watts perry ryan armstrong francis rees hayes hudson newman barrett webster gregory lowe riley
        parsons reid hawkins harding robertson newton kennedy williamson gardner shah cooke henderson burgess walton nicholson ross
        freeman warren nicholls hamilton byrne sutton mcdonald yates hodgson robson curtis hopkins o'connor harper coleman watkins
        chambers o'neill griffin osborne johnston gordon doyle wallace hutchinson burke pritchard gilbert willis higgins stevenson
        hammond arnold buckley walters hewitt nelson slater sullivan whitehead lambert akhtar lynch goodwin barton thomson cunningham
        quinn barnett baxter clayton greenwood jennings gallagher davidson fowler middleton lawson ferguson hayward carroll douglas
        dickinson todd barlow lucas knowles hartley miah simmons morton morley chowdhury rahman iqbal malik kumar sharma gupta
        nguyen okafor adeyemi mensah kowalski nowak o'sullivan mcgregor fraser macdonald okonkwo
        """);

    /// <summary>Surnames that are also ordinary words: taken only straight after a given name ("sarah green").</summary>
    public static readonly HashSet<string> WordSurnames = Set("""
        green brown white black wood hall hill king young wright walker turner cooper baker mason hunter carter fox bird stone bishop
        """);

    /// <summary>Titles before a name, any case ("Dr Patel", "dr patel"); "miss" only capitalised.</summary>
    public static readonly HashSet<string> Titles = Set("dr mr mrs ms miss mx prof");

    /// <summary>Roles used as titles before a name: "Sister Jones", "Matron Smith".</summary>
    public static readonly HashSet<string> RoleTitles = Set("sister matron nurse doctor professor sir dame consultant manager father reverend");

    /// <summary>Words after which a person's name follows: "ask will", "told pat", "spoke to sue".</summary>
    public static readonly HashSet<string> Triggers = Set("""
        ask asked asking asks tell told telling tells thank thanks thanked call called calling ring rang phone phoned email emailed
        text texted message messaged cc dear hi hello
        """);

    /// <summary>Verbs that take "to" before a person: "spoke to will".</summary>
    public static readonly HashSet<string> ToTriggers = Set("""
        spoke speak speaking talk talked talking report reported reports complained listen listened thanks
        """);

    /// <summary>Verbs a person does right after their name: "sue said", "pat says".</summary>
    public static readonly HashSet<string> SpeechVerbs = Set("""
        said says told asked shouted yelled screamed snapped explained mentioned replied emailed rang phoned texted insists insisted
        complained agreed refused promised
        """);

    /// <summary>Words before a noun that make an ambiguous word ordinary: "the bill", "a pat on the back".</summary>
    public static readonly HashSet<string> Determiners = Set("""
        the a an this that these those my our your his her their its no any some every each what which whose
        """);

    /// <summary>Words after a name that make it a place: "Rose ward", "St Thomas' hospital".</summary>
    public static readonly HashSet<string> PlaceNouns = Set("""
        ward wards unit wing clinic suite centre center house lodge building hospital surgery theatre theatres department block bay
        practice site campus street road lane court
        """);

    /// <summary>Capitalised words that are never a name: days, months, sentence words, and the words of a hospital's places and roles.</summary>
    public static readonly HashSet<string> NotNames = Set("""
        i the and but or if on in at to for of with when then so as we they he she it you my our this that there here please also not
        no yes all some a an is was are be been do did what why how who where which
        monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october
        november december christmas easter bank holiday covid
        nhs trust board hospital ward unit team department service services centre clinic practice surgery theatre theatres bay level
        floor wing block room office day night nights days shift shifts lead leader manager nurse nurses doctor doctors sister matron
        consultant practitioner specialist associate assistant support worker training meeting meetings band grade staff health care
        social mental family friends test director directorate executive chief officer head deputy senior junior charge clinical
        medical surgical emergency safety quality improvement council committee review policy estates pharmacy radiology pathology
        maternity paediatrics outpatients inpatients registrar surgeon physician educator st saint
        """);
}
