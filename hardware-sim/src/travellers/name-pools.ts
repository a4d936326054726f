/**
 * Name pools per nationality. Cyrillic-script nationalities keep names in their native script, so the
 * generator can write the passport (ICAO) form and the other spellings lists carry
 * (watchlist-matching.md §3). Female surname forms of Russian-style names add `а`/`a`.
 */
export interface NamePool {
  /** ICAO 9303 code of the nationality and issuing State. */
  code: string;
  script: 'cyrillic' | 'latin';
  surnames: readonly string[];
  male: readonly string[];
  female: readonly string[];
  /** Whether a woman's surname takes the feminine ending (`-ов` → `-ова`). */
  feminineSurnames: boolean;
}

export const NAME_POOLS: readonly NamePool[] = [
  {
    code: 'KGZ', script: 'cyrillic', feminineSurnames: true,
    surnames: ['Асанов', 'Жапаров', 'Жээнбеков', 'Турсунбаев', 'Осмонов', 'Бакиев', 'Абдыкадыров', 'Токтогулов', 'Сыдыков', 'Мамытов', 'Үсөнов', 'Кадыров', 'Шамшиев', 'Өмүрбеков'],
    male: ['Азамат', 'Бакыт', 'Нурлан', 'Эрлан', 'Тилек', 'Жаныбек', 'Үмөт', 'Чынгыз', 'Айбек', 'Мирлан'],
    female: ['Айгүл', 'Жылдыз', 'Гүлнара', 'Айпери', 'Нургүл', 'Чолпон', 'Бегимай', 'Жаңыл'],
  },
  {
    code: 'KAZ', script: 'cyrillic', feminineSurnames: true,
    surnames: ['Нұрланов', 'Қасымов', 'Жұмабаев', 'Әбілов', 'Оспанов', 'Ахметов', 'Сәрсенбаев', 'Тоқаев', 'Ізбасаров', 'Серікбаев'],
    male: ['Ерлан', 'Асқар', 'Нұржан', 'Дәурен', 'Ержан', 'Қайрат', 'Бауыржан', 'Ғалым'],
    female: ['Айгерім', 'Жансая', 'Әсем', 'Мадина', 'Гүлжан', 'Аружан', 'Дана'],
  },
  {
    code: 'UZB', script: 'cyrillic', feminineSurnames: true,
    surnames: ['Каримов', 'Юсупов', 'Хасанов', 'Қодиров', 'Раҳимов', 'Тошматов', 'Эргашев', 'Ғуломов', 'Мирзаев', 'Исмоилов'],
    male: ['Шерзод', 'Жасур', 'Ғайрат', 'Дилшод', 'Улуғбек', 'Бахтиёр', 'Хуршид', 'Отабек'],
    female: ['Нигора', 'Гулнора', 'Феруза', 'Дилноза', 'Шаҳноза', 'Мадина', 'Юлдуз'],
  },
  {
    code: 'TJK', script: 'cyrillic', feminineSurnames: true,
    surnames: ['Раҳмонов', 'Сафаров', 'Назаров', 'Шарипов', 'Қурбонов', 'Ҷӯраев', 'Давлатов', 'Ҳасанов', 'Саидов', 'Шукуров'],
    male: ['Фаридун', 'Рустам', 'Суҳроб', 'Исмоил', 'Баҳром', 'Ҷамшед', 'Фирдавс', 'Далер'],
    female: ['Манижа', 'Зарина', 'Шаҳло', 'Нилуфар', 'Парвина', 'Тахмина', 'Ҷамила'],
  },
  {
    code: 'RUS', script: 'cyrillic', feminineSurnames: true,
    surnames: ['Иванов', 'Кузнецов', 'Смирнов', 'Соколов', 'Попов', 'Фёдоров', 'Щербаков', 'Журавлёв', 'Юдин', 'Яковлев', 'Зайцев', 'Цветков', 'Ершов', 'Хохлов'],
    male: ['Юрий', 'Алексей', 'Дмитрий', 'Сергей', 'Андрей', 'Фёдор', 'Евгений', 'Николай', 'Илья', 'Григорий'],
    female: ['Наталья', 'Елена', 'Татьяна', 'Ольга', 'Юлия', 'Ксения', 'Анастасия', 'Дарья'],
  },
  {
    code: 'TUR', script: 'latin', feminineSurnames: false,
    surnames: ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Yıldız', 'Öztürk', 'Aydın', 'Arslan', 'Doğan', 'Güneş', 'Koç'],
    male: ['Mehmet', 'Mustafa', 'Ahmet', 'Emre', 'Hüseyin', 'Oğuz', 'Burak', 'Çağrı'],
    female: ['Ayşe', 'Fatma', 'Zeynep', 'Elif', 'Gülşen', 'Büşra', 'Özlem'],
  },
  {
    code: 'CHN', script: 'latin', feminineSurnames: false,
    surnames: ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Zhao', 'Huang', 'Zhou', 'Wu', 'Xu', 'Sun'],
    male: ['Wei', 'Lei', 'Jun', 'Jie', 'Xiaoming', 'Haoran', 'Zhiqiang', 'Yong'],
    female: ['Fang', 'Xiuying', 'Jing', 'Yan', 'Min', 'Xiaohong', 'Li Na'],
  },
  {
    code: 'D', script: 'latin', feminineSurnames: false,
    surnames: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schäfer', 'Groß'],
    male: ['Lukas', 'Jürgen', 'Maximilian', 'Stefan', 'Jörg', 'Paul'],
    female: ['Anna', 'Sophie', 'Käthe', 'Lena', 'Marie', 'Jördis'],
  },
  {
    code: 'FRA', script: 'latin', feminineSurnames: false,
    surnames: ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Lefèvre', 'Moreau', 'Girard'],
    male: ['Jean', 'François', 'Pierre', 'Théo', 'Louis'],
    female: ['Marie', 'Camille', 'Chloé', 'Léa', 'Inès'],
  },
  {
    code: 'POL', script: 'latin', feminineSurnames: false,
    surnames: ['Nowak', 'Kowalczyk', 'Wiśniewski', 'Wójcik', 'Kamiński', 'Lewandowski', 'Zieliński'],
    male: ['Piotr', 'Krzysztof', 'Tomasz', 'Paweł', 'Łukasz'],
    female: ['Anna', 'Małgorzata', 'Agnieszka', 'Katarzyna', 'Zofia'],
  },
  {
    code: 'ITA', script: 'latin', feminineSurnames: false,
    surnames: ['Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'De Luca'],
    male: ['Giuseppe', 'Marco', 'Luca', 'Niccolò'],
    female: ['Giulia', 'Francesca', 'Chiara', 'Sofia'],
  },
  {
    code: 'NLD', script: 'latin', feminineSurnames: false,
    surnames: ['de Jong', 'Jansen', 'de Vries', 'van den Berg', 'Bakker', 'Visser'],
    male: ['Daan', 'Sem', 'Bram', 'Joris'],
    female: ['Emma', 'Sanne', 'Fleur', 'Anouk'],
  },
];

/** Feminine surname form for Russian-style `-ов/-ев/-ин/-ий` surnames. */
export function feminine(surname: string): string {
  if (/(ов|ев|ёв|ин)$/.test(surname)) return surname + 'а';
  if (/ий$/.test(surname)) return surname.slice(0, -2) + 'ая';
  return surname;
}
