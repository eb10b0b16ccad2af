//! The 22 councils and every form of their names, as data.

/// One council.
#[derive(Debug, PartialEq, Eq)]
pub struct Council {
    /// The canonical English name: "Merthyr Tydfil County Borough Council".
    pub name: &'static str,
    /// The short name people use: "Merthyr Tydfil".
    pub short: &'static str,
    /// The council's Welsh name: "Cyngor Bwrdeistref Sirol Merthyr Tudful".
    pub welsh: &'static str,
    /// Other forms, folded (lower case, no diacritics, single spaces): place names in English
    /// and Welsh, mutated forms.
    pub(super) forms: &'static [&'static str],
    /// Abbreviations, matched case-sensitively as whole words: "NPT", "RCT".
    pub(super) abbreviations: &'static [&'static str],
}

macro_rules! council {
    ($name:expr, $short:expr, $welsh:expr, [$($f:expr),* $(,)?], [$($a:expr),* $(,)?]) => {
        Council { name: $name, short: $short, welsh: $welsh, forms: &[$($f),*], abbreviations: &[$($a),*] }
    };
}

/// The 22 principal councils of Wales, north to south-east.
pub const COUNCILS: [Council; 22] = [
    council!(
        "Isle of Anglesey County Council",
        "Anglesey",
        "Cyngor Sir Ynys Môn",
        [
            "isle of anglesey",
            "anglesey",
            "ynys mon",
            "sir fon",
            "ynys fon"
        ],
        ["IoACC", "IACC"]
    ),
    council!(
        "Gwynedd Council",
        "Gwynedd",
        "Cyngor Gwynedd",
        ["gwynedd", "ngwynedd"],
        []
    ),
    council!(
        "Conwy County Borough Council",
        "Conwy",
        "Cyngor Bwrdeistref Sirol Conwy",
        ["conwy", "nghonwy"],
        []
    ),
    council!(
        "Denbighshire County Council",
        "Denbighshire",
        "Cyngor Sir Ddinbych",
        ["denbighshire", "sir ddinbych"],
        []
    ),
    council!(
        "Flintshire County Council",
        "Flintshire",
        "Cyngor Sir y Fflint",
        ["flintshire", "sir y fflint"],
        []
    ),
    council!(
        "Wrexham County Borough Council",
        "Wrexham",
        "Cyngor Bwrdeistref Sirol Wrecsam",
        ["wrexham", "wrecsam"],
        ["WCBC"]
    ),
    council!(
        "Powys County Council",
        "Powys",
        "Cyngor Sir Powys",
        ["powys", "mhowys"],
        []
    ),
    council!(
        "Ceredigion County Council",
        "Ceredigion",
        "Cyngor Sir Ceredigion",
        ["ceredigion", "ngheredigion"],
        []
    ),
    council!(
        "Pembrokeshire County Council",
        "Pembrokeshire",
        "Cyngor Sir Penfro",
        ["pembrokeshire", "sir benfro", "sir penfro"],
        []
    ),
    council!(
        "Carmarthenshire County Council",
        "Carmarthenshire",
        "Cyngor Sir Gâr",
        [
            "carmarthenshire",
            "sir gar",
            "sir gaerfyrddin",
            "sir caerfyrddin"
        ],
        []
    ),
    council!(
        "City and County of Swansea",
        "Swansea",
        "Cyngor Dinas a Sir Abertawe",
        ["city and county of swansea", "swansea", "abertawe"],
        []
    ),
    council!(
        "Neath Port Talbot County Borough Council",
        "Neath Port Talbot",
        "Cyngor Bwrdeistref Sirol Castell-nedd Port Talbot",
        [
            "neath port talbot",
            "castell nedd port talbot",
            "neath and port talbot"
        ],
        ["NPT", "NPTCBC"]
    ),
    council!(
        "Bridgend County Borough Council",
        "Bridgend",
        "Cyngor Bwrdeistref Sirol Pen-y-bont ar Ogwr",
        ["bridgend", "pen y bont ar ogwr"],
        ["BCBC"]
    ),
    council!(
        "Vale of Glamorgan Council",
        "Vale of Glamorgan",
        "Cyngor Bro Morgannwg",
        ["vale of glamorgan", "bro morgannwg"],
        ["VoG", "VOG", "VoGC"]
    ),
    council!(
        "Rhondda Cynon Taf County Borough Council",
        "Rhondda Cynon Taf",
        "Cyngor Bwrdeistref Sirol Rhondda Cynon Taf",
        ["rhondda cynon taf", "rhondda cynon taff"],
        ["RCT", "RCTCBC"]
    ),
    council!(
        "Merthyr Tydfil County Borough Council",
        "Merthyr Tydfil",
        "Cyngor Bwrdeistref Sirol Merthyr Tudful",
        ["merthyr tydfil", "merthyr tudful", "merthyr"],
        ["MTCBC"]
    ),
    council!(
        "Caerphilly County Borough Council",
        "Caerphilly",
        "Cyngor Bwrdeistref Sirol Caerffili",
        ["caerphilly", "caerffili", "nghaerffili"],
        []
    ),
    council!(
        "Blaenau Gwent County Borough Council",
        "Blaenau Gwent",
        "Cyngor Bwrdeistref Sirol Blaenau Gwent",
        ["blaenau gwent"],
        ["BGCBC"]
    ),
    council!(
        "Torfaen County Borough Council",
        "Torfaen",
        "Cyngor Bwrdeistref Sirol Torfaen",
        ["torfaen", "nhorfaen"],
        []
    ),
    council!(
        "Monmouthshire County Council",
        "Monmouthshire",
        "Cyngor Sir Fynwy",
        ["monmouthshire", "sir fynwy"],
        []
    ),
    council!(
        "Newport City Council",
        "Newport",
        "Cyngor Dinas Casnewydd",
        ["newport", "casnewydd", "nghasnewydd"],
        []
    ),
    council!(
        "City of Cardiff Council",
        "Cardiff",
        "Cyngor Caerdydd",
        ["city of cardiff", "cardiff", "caerdydd", "nghaerdydd"],
        []
    ),
];
