/**
 * Curated name families (watchlist-matching.md §3.7): members often differ by more than one edit, sometimes
 * in the first letter (`YUSUP`/`JUSUP`, `HASAN`/`GASAN`), so spelling rules alone cannot unite them. Data,
 * versioned with the code; extend it here and the tests in `fold-name.test.ts` cover every row.
 */
export const NAME_FAMILIES: Readonly<Record<string, readonly string[]>> = {
  Muhammad: ['MUHAMMAD', 'MUKHAMMED', 'MUKHAMMAD', 'MUHAMMED', 'MOHAMMED', 'MOHAMMAD', 'MAGOMED', 'MAGAMED', 'MAMED', 'MUHAMMET', 'MAHAMAT', 'MAHMUD'],
  'Abd al-Rahman': ['ABDURAKHMAN', 'ABDURAHMAN', 'ABDURAHMON', 'ABDULRAHMAN', 'ABDRAKHMAN', 'ABDURAKHMON', 'ABDURRAHMAN'],
  Hasan: ['HASAN', 'HASSAN', 'KHASAN', 'GASAN', 'XASAN', 'HASANBOY'],
  Husayn: ['HUSEIN', 'HUSSEIN', 'KHUSEIN', 'HUSAIN', 'KHUSAIN', 'GUSEIN', 'GUSEYN', 'HUSEYN', 'HUSAYN', 'HUSAN'],
  Yusuf: ['YUSUF', 'YUSUP', 'IUSUP', 'YUSIF', 'JUSUP', 'ZHUSUP', 'YUSUPH', 'IUSUF'],
  Ibrahim: ['IBRAHIM', 'IBRAGIM', 'IBROHIM', 'IBRAIM'],
  Ahmad: ['AHMAD', 'AHMED', 'AKHMED', 'AKHMAD', 'AKHMET', 'AHMET', 'AHMAT', 'AKHMAT'],
  Sulayman: ['SULAIMAN', 'SULEIMAN', 'SULEYMAN', 'SULAYMON', 'SULAIMON', 'SULAYMAN', 'SULEIMENOV'],
  Abdullah: ['ABDULLAH', 'ABDULLA', 'ABDULLO', 'ABDULA'],
  Umar: ['UMAR', 'OMAR', 'UMER', 'OMER'],
  Ismail: ['ISMAIL', 'ISMAYIL', 'ISMOIL', 'ISMAEL', 'ISMAILOV'],
  Rahmon: ['RAHMON', 'RAKHMON', 'RAHMAN', 'RAKHMAN'],
  Khalil: ['KHALIL', 'HALIL', 'XALIL', 'GALIL'],
  Ali: ['ALI', 'ALY', 'ALIY'],
};
