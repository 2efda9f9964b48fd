// Word pools for synthetic Indonesian names. Invented combinations of common
// words only: no list of real people was used. Each pool is a plain text
// block (one word per token) so that the lists stay readable and the
// formatter does not put thousands of words on thousands of lines.

const words = (text: string): readonly string[] => text.trim().split(/\s+/);

// --- Names heard everywhere in Muslim Indonesia --------------------------------

export const ISLAM_L = words(`
Abdullah Abdurrahman Abdurrahim Abdussalam Abidin Abrar Adam Adnan Afif Afifuddin Ahsan Akbar
Akmal Ali Alif Alimuddin Amin Aminuddin Amir Amiruddin Amri Anas Ansori Anwar Arif Arifin Arsyad
Asad Ashari Asrori Asyraf Ayub Azhar Azis Aziz Azmi Badruddin Bahrudin Bakri Basri Basyir Bilal
Burhan Burhanuddin Dahlan Daud Dzulkifli Fadhil Fadli Fahmi Fahri Faisal Fakhri Fakhrurrozi Farid
Faruq Fathurrahman Fatih Fauzan Fauzi Fikri Firdaus Ghazali Habib Hadi Hafiz Hafizh Hakim Halim
Hamdan Hamid Hamzah Hanafi Harun Hasan Hasanuddin Hasbi Hasyim Hidayat Hidayatullah Hilal Husain
Husein Husni Ibrahim Idris Ihsan Ikhsan Ikhwan Ilham Ilyas Imaduddin Imam Imran Iqbal Irfan Isa
Ishak Iskandar Ismail Izzuddin Jafar Jalaluddin Jamal Jamaluddin Jamil Kamal Kamaluddin Karim
Khairul Khalid Kholil Latif Lukman Luthfi Mahfud Mahmud Majid Makmun Malik Mansur Marzuki Masykur
Maulana Mubarak Muchlis Mufid Muhaimin Muhajir Muhsin Mujahid Mukhlis Mukhtar Munawar Munir Murtadho
Musa Muslim Mustafa Mustofa Muzakir Nasir Nasrullah Nasution Nawawi Nizar Nuh Nurdin Qomarudin
Rafi Rahman Rahmat Ramadhan Rasyid Ridho Ridwan Rifai Rifqi Rijal Rizal Rosyid Rusdi Sabri
Sahrul Said Saifuddin Saiful Salim Salman Samsul Sholeh Shodiq Subhan Sufyan Sulaiman Syafii Syahid
Syahrul Syaiful Syamsuddin Syarif Syarifuddin Syukri Syukur Tajuddin Taufik Taufiq Thoha Ubaidillah
Umar Usman Wahid Yahya Yakub Yasin Yazid Yunus Yusran Yusuf Zaenal Zainal Zainuddin Zakaria Zaki
Zubair Zuhri Zulfikar Zulkarnain Zulkifli Fadlan Faiz Ghufron Hanif Haris Husnul Irsyad Jazuli
Khoirul Kurniadi Mahrus Muammar Mudzakir Nashir Nurul Qodir Rahim Rais Ramli Saleh Sofyan Suhaimi
`);

export const ISLAM_P = words(`
Aisyah Afifah Ainun Alfiah Aminah Annisa Asma Asmah Atikah Aulia Azizah Badriyah Balqis Faizah
Farida Fatimah Fatma Fauziah Habibah Hafsah Hajar Halimah Hamidah Hanifah Hasanah Hasnah Hidayah
Humairah Husna Inayah Izzah Jamilah Khadijah Khairunnisa Khoiriyah Kholifah Laila Latifah Lutfiah
Mahmudah Maimunah Marfuah Mariam Marwah Maryam Masitah Mardiyah Muflihah Munawarah Musdalifah
Mutmainah Nabila Nadia Nafisah Naila Najwa Nasiha Nur Nuraini Nurbaiti Nurhasanah Nurhayati
Nurhidayah Nurjanah Nurlaila Nurmala Nurul Qonita Rabiah Radiah Rahmah Rahmawati Raihanah Rasyidah
Robiah Rodiah Rofiah Rohani Rohmah Rosidah Rukayah Rukiah Sadiah Safiah Safitri Sakinah Salamah
Salma Salmah Saodah Sarifah Shofiyah Siti Sofia Solehah Sumayyah Syafaah Syahidah Syamsiah Syarifah
Toyibah Ulfa Ulya Umairah Ummi Wardah Yusnia Zahra Zainab Zakiyah Zubaidah Zulaikha Zuhriyah
Hikmah Istiqomah Jannah Khusnul Lailatul Maghfiroh Mufidah Nadhifa Qurrota Rahima Rifa Sholihah
Syifa Tsabita Ulfah Wafiyah Yasmin Zulfa Fitriyah Hamimah Ismiyati Kamilah Luluk Mahmudah Nikmah
`);

// Given names of people born from the 1980s on, in every region and religion.
export const MODERN_L = words(`
Aditya Adi Adit Adrian Agung Agus Ahmadi Akhmad Aldi Alfian Alfin Andika Andre Andri Angga Anggara
Anton Ardi Ardian Arga Arief Arya Aryo Bagas Bagus Bambang Bayu Beni Bima Bintang Bondan Budi
Candra Cahyo Chandra Dafa Daffa Dani Danu Dany Darma Dedi Dedy Deni Denny Dicky Dimas Dion Doni
Dwi Edi Edo Eka Eko Elang Endra Erik Erwin Evan Fadil Fajar Fandi Farel Farhan Febri Ferdi
Ferdian Fikri Galang Galih Gilang Gusti Hadi Hafiz Hanif Hendra Hendri Heri Heru Ikhsan Ilham
Indra Iqbal Irawan Irwan Iwan Jaka Johan Kevin Krisna Kurnia Lutfi Mahesa Mario Naufal Nanda
Nico Novan Oki Pandu Panji Prasetya Putra Raditya Rafli Raka Rama Randi Rangga Reza Rian Rico
Rendi Rendy Restu Reno Ricky Rido Riki Rio Riski Riyan Rizky Rizki Robby Roni Rudi Ryan Sandi
Satria Septian Setyo Sigit Surya Syahputra Teguh Tegar Tio Tomi Toni Tri Wahyu Wawan Wisnu Yoga
Yogi Yudha Yudi Yuda Zaki Aji Alvin Anjas Ardiansyah Arjuna Bagaskara Dafi Danang Dirga Egi Faris
Gading Genta Hafidz Harun Irfan Jefri Kiki Lingga Miko Nugra Okta Pradana Rasya Redi Rifki Sakti
Sultan Taufan Ubay Vicky Wildan Yusril Zidan Abim Alvaro Arkan Azka Barra Daniel Dewa Elvan Fathan
Gibran Haikal Ibra Kenzo Khalif Rafa Raffi Rasyid Revan Sabian Shaka Xavier Yusuf Zayn
`);

export const MODERN_P = words(`
Adinda Agustina Alya Amanda Amelia Anggi Anggun Anisa Anita Aprilia Ayu Bella Bunga Cahaya Cici
Cindy Citra Dara Della Desi Devi Dewi Dian Diana Dinda Dini Dita Dwi Eka Elsa Elvira Endah Erika
Erna Eva Fanny Febri Fina Fira Fitri Fitria Gita Hana Hani Hesti Ika Indah Indri Intan Irma Jihan
Juwita Kartika Kiki Laras Lia Lina Lisa Lusi Mawar Maya Mega Melati Melia Mila Mira Nadia Nanda
Naura Nia Nisa Nita Novi Novita Nurul Oktavia Puspa Putri Rara Ratih Ratna Rena Reni Resti Rika
Rina Rini Risma Rita Riska Rosa Sari Selvi Septi Shinta Silvia Sinta Suci Tari Tika Tiara Tri Tuti
Vania Vina Wulan Yani Yeni Yolanda Yulia Yuli Yuni Zahra Alifah Anjani Aqila Arumi Aurel Azkia
Bilqis Chelsea Cinta Dea Dhea Elisa Fanisa Felicia Hanum Icha Keisya Kirana Lala Lulu Mutiara
Nabila Nayla Nazwa Pelangi Rahma Salsabila Sheila Syakira Talita Vera Wina Zaskia Aira
Aisha Alisha Almira Annisa Aulia Azzahra Callista Dzakira Fadila Farah Ghina Hafiza Inara Kayla
Khanza Nafisa Qaireen Raisa Shakila Zivanna Ayudia Rosita Sekar Wening Widya Yosi Ervina Fitriani
`);

// Second words that read like surnames in names without a family name.
export const SECOND_L = words(`
Saputra Pratama Hidayat Setiawan Kurniawan Wijaya Santoso Nugroho Prasetyo Firmansyah Ramadhan
Maulana Hakim Fauzi Syahputra Gunawan Hermawan Irawan Susanto Hartono Purnomo Wibowo Sutrisno
Siswanto Sulistyo Suryadi Kusuma Permana Wicaksono Nugraha Ananda Alamsyah Febriansyah Hidayatullah
Kurniadi Munandar Mulyadi Mulyana Pamungkas Prakoso Pranata Prabowo Pradana Rahmadi Rahman Rosyadi
Setiadi Sudrajat Sugiarto Suherman Sukma Sulaiman Supriadi Surya Syahrial Wahyudi Widodo Wiranata
Yulianto Yusuf Zulkarnain Afandi Ardiansyah Arifin Budiman Darmawan Effendi Fahrezi Gautama
Habibi Hamzah Hariyanto Herlambang Iskandar Julianto Junaedi Kusnadi Lesmana Mahendra Mardani
Nasrullah Nurdiansyah Permadi Prayoga Purnama Rachmat Ramadani Riyadi Rizaldi Sanjaya Saputro
Septiawan Sofyan Subekti Sudarsono Suganda Sunandar Supriyanto Suryana Sutanto Syahrudin Utomo
Wardana Wardhana Wahyudin Widjaja Winata Yudhistira Yuliansyah Zulfikar Adiputra Aprianto
Ariyanto Bachtiar Cahyadi Darmadi Fadillah Firdaus Hendrawan Hutama Iriawan Kristianto Nurcahyo
`);

export const SECOND_P = words(`
Lestari Wati Sari Rahayu Wahyuni Handayani Susanti Kurniasih Rahmawati Safitri Anggraini Puspita
Permata Maharani Ramadhani Oktaviani Novitasari Pertiwi Utami Fitriani Nurhaliza Amelia Azzahra
Purnamasari Wulandari Yuliani Yulianti Kusumawati Setiawati Suryani Astuti Rahmadani Sulistyowati
Damayanti Ningsih Anjani Aprilia Ayuningtyas Cahyani Febriani Hartati Hidayati Indriani Juliani
Kartini Kusuma Lestiani Marlina Melani Mulyani Nurjanah Nuraini Nursyamsi Oktavia Pangestu Pratiwi
Puspitasari Rachmawati Ratnasari Riyanti Rosita Safira Septiani Setyaningsih Sholihah Sofiani
Suciati Sugiarti Sukmawati Sulastri Sumarni Susilowati Trisnawati Widyaningsih Wijayanti Yanti
Yulia Zahara Adelia Agustin Anggita Ardiani Arumsari Aryani Dewanti Efendi Faradila Fauziah
Gustina Herawati Irawati Kurniawati Maulida Meilani Nabilah Noviyanti Nurfadilah Permatasari
Prameswari Rahmasari Sapitri Saraswati Savitri Septiana Syahputri Widiastuti Yunita Zulaika
`);

/** Words after "Abdul": the names of God that Abdul- names are built on. */
export const ABDUL_SUFFIX = words(`
Rahman Rahim Karim Majid Hamid Aziz Wahab Latif Malik Halim Ghani Jalil Kadir Hadi Rauf Salam
Somad Gafur Muis Razak Hakim Basir Fatah Qohar Rasyid Manan Mutholib Wahid Haris Rozak Syukur
Jabbar Hafidz Khalik Mukti Muthalib Nasir Alim Bari
`);

// --- Regional pools -----------------------------------------------------------

export const JAWA_L = words(`
Sutrisno Suparman Sugiono Sukirman Sumarno Wagiman Sarno Slamet Suyono Suyitno Sunarto Subagyo
Sugeng Supardi Supriyadi Sutarno Sukardi Sumardi Margono Mulyono Parjo Paijo Tukiman Tumiran
Warsito Wiyono Rusdi Jumadi Sarjono Mujiono Ngadimin Ngatijo Painu Poniman Rakiman Sakiyo Samijan
Sardi Sarimin Satiman Senen Sodikin Sugiyanto Suhardi Sukamto Sukarno Sukiman Sumadi Sumanto
Sumarto Sunardi Supomo Suprapto Suradi Suratno Suripto Surono Susilo Sutejo Sutikno Sutoyo Suwarno
Suwito Tarno Tugimin Tukijo Wakijo Waluyo Wardoyo Warsono Widodo Wiryo Yatno Yono Agus Bambang
Budi Darsono Djoko Eko Gatot Hadi Harjo Hartono Joko Kasno Kusno Marno Marsudi Mardi Mulyadi
Narto Paidi Pardi Parman Parno Prapto Priyo Purwanto Rahmat Riyadi Sadimin Sadino Sarijo Sartono
Siswanto Sofyan Sudarmaji Sudarno Sudiro Sugito Suharto Suhadi Sujarwo Sukadi Sukardjo Sukirno
Sumitro Sunaryo Suparno Supono Supriyanto Suryanto Susanto Sutarjo Suyadi Tarmuji Triyono Untung
Wagino Wahono Waluyo Wardi Warsidi Yanto Yudi Ahmadi Darmaji Hadiyanto Ismanto Kardi Karjo
Kasiman Katimin Legiman Lasimin Maryono Mujiman Ngadiman Ngatimin Paimin Pairin Partono Rebo
Sabar Sagiman Salimin Samidi Samsudin Saring Sarwono Satimin Sayuti Sidik Sinu Sipon Sitam Sugimin
Suhud Sukimin Sulardi Sulistyo Supangat Surip Suroso Tugiyo Tumijan Wagimin Wasis Wiji Yitno
Dwi Tri Catur Heru Hery Didik Endro Puji Setyo Wahyu Kuncoro Prasetyo Nugroho Haryanto Gunadi
`);

export const JAWA_P = words(`
Sumarni Sumiati Suminah Sukarni Sulastri Suparmi Sutinah Tukinem Wagiyem Painem Partini Poniyem
Ngatini Ngatiyem Rubiyah Sarinah Sariyem Kasmini Kasiyem Juminten Tumini Warsini Wartini Yatmi
Ponirah Sri Tri Endang Lastri Darsih Sainem Sumirah Sumini Sumarsih Sunarsih Supini Suratmi
Surati Surtini Susilowati Sutarmi Sutiyem Suwarni Suyatmi Tarmi Tasmi Tumirah Warsiyah Wiji
Yatini Yuliati Jumiati Kartini Kasmiyati Lasmi Marsini Mujiati Murni Murtini Ngadinem Ngatinah
Paini Parmi Partinah Pujiati Rahayu Ratmi Ruminah Rusmini Saminah Samirah Sarmi Sartini Sitirah
Sudarmi Sugiyem Suharni Suharti Sujiati Sukinah Sukini Sukiyem Sulasmi Sumartini Sumiyati
Sunarti Suprihatin Supriyati Surani Suratinah Suryani Susanti Sutini Suwarti Tumiyem Tutik
Umiyati Wagini Wahyuni Warsih Widarti Winarni Yatinah Yuliani Endah Wulan Asih Astuti Dwi Eni
Erni Giyem Hartini Harsini Jumirah Karsih Karsinah Kasinah Lestari Listyowati Maryati Mujiyem
Ngasiyah Ngatmi Panijem Parsini Puji Rini Rukmini Sainah Samiyem Saringah Sarwini Semi Siswati
Sri Sriyati Sriyani Sudiyem Sugiarti Sukarsih Sulami Sumiyem Suparti Supiyah Suratmi Susi Tatik
Tini Tugirah Tumiyah Umi Wartinah Wasini Yatmini Yuni Ningsih Mulyani Setyowati Rahayuningsih
`);

export const SUNDA_L = words(`
Asep Ujang Dadang Dede Cecep Encep Ajat Aep Atep Oman Odih Ohim Engkos Deden Yayan Yaya Dadan
Hendi Iwan Jajang Wawan Ade Endang Tatang Cucu Nandang Acep Aang Aan Ajang Amang Apep Arip Asim
Dadi Dayat Didin Diding Dodi Dodo Dudung Dudi Eem Emang Emen Encang Endi Engkus Enjang Entis Epi
Eri Euis Jaja Jajat Kokom Komar Kosasih Maman Mamat Mamun Nana Nanang Nunu Odang Oding Ohan Omat
Opik Otong Rahmat Saepudin Sarip Sodik Sukma Tarya Toto Udin Ujat Ukas Uus Yanto Yayat Yudi Asep
Adang Aceng Ayi Cahya Dani Deni Dikdik Ecep Edi Ega Egi Eman Enjum Hasan Ikin Iyus Jeje Kurnia
`);

export const SUNDA_P = words(`
Euis Iis Neneng Enok Imas Cucu Eti Iyah Onah Popon Titin Tintin Nining Enah Enung Entin Ai Elis
Yeni Ela Nia Lilis Yayah Ikah Oneng Eneng Aas Ade Ani Atikah Cicih Cucun Dedeh Ecin Eem Enci
Engkay Enih Enong Ening Entis Eulis Iah Icih Ida Ijah Imah Ineu Isah Iyam Iyat Jujun Kokom Lela
Mimin Mumun Nani Nenden Nengsih Nunung Oom Ooh Pipih Rohaeti Rohayati Siti Teti Tuti Uun Yati
Yuyun Wiwin Dewi Rina Santi Sinta Wida Yanti Nurlela Cicah Iis Neni Emah Tati Nenah Ucu Nyai
`);

export const SUNDA_SECOND = words(`
Sunarya Permana Hermawan Kurniawan Supriatna Sopian Sutisna Mulyana Suryana Rahayu Kurniasih
Nurhasanah Rohaeti Sumirat Wiguna Saputra Setiadi Hidayat Ruhiyat Sobandi Nugraha Sumpena
Sudrajat Suhendar Sukmana Sulaeman Sumarna Sunandar Sundana Supriadi Suparman Suganda Somantri
Hendrawan Gumilar Wiranata Kusumah Rukmana Ramdani Komarudin Hidayatulloh Herdiansyah Firmansyah
Juanda Kartika Lestari Nurjanah Rohmawati Sugiarti Rahmawati Kusmayadi Sutarya Nuryadin
`);

export const MINANG_L = words(`
Afrizal Syafrizal Yulizar Zulkifli Asrul Erizal Jasril Yusrizal Syahrial Nasrul Hendri Zulfahmi
Dasril Novrizal Efendi Yuliardi Masril Darmawi Zulhendri Jonaidi Emrizal Irwandi Yusnaldi
Syamsuar Zulfikar Yendri Refli Afdal Fadhli Aldiano Alfitra Anasrul Ardinal Asril Azwar Bustami
Darmansyah Delfi Desrizal Efrizal Elfiandri Eri Ermanto Fauzan Firdaus Hardi Harmen Hasril
Herman Indra Irwan Jamaris Jufri Khairil Marlis Masrizal Nofrizal Nazirman Rahmat Rajo Rizal
Roni Safrizal Syafril Syahrul Syamsul Taufik Yasrizal Yoserizal Yulianto Yunaldi Zainal Zulhelmi
Zulkarnaini Zulmi Ajisman Alwis Amrizal Arman Azrial Buyung Darwis Dedi Edison Elvis Ermon Fitrizal
Hamdani Haryadi Irfandi Jonnedi Mardianto Muslim Nasrizal Rafki Roza Suhardi Syafrudin Weri Yosmar
`);

export const MINANG_P = words(`
Yusnidar Nurhayati Erniwati Yusniar Rosmaini Asnidar Yulinar Desmiati Reni Yenni Elfi Ernita
Hasnidar Nurlela Fitriani Deswita Yelfi Zurnida Nelmawati Elmiati Syafrida Yulismar Warnidar
Afrida Asmaniar Darmiati Desi Elda Elmawati Emi Ermawati Erna Ernawati Erlinda Fitri Gusnidar
Hasnah Helmi Ida Irawati Jusni Kasmawati Lismawati Marlina Mardiana Meri Misrawati Nelvi Neni
Nurhasanah Rahmi Ratna Rosmawati Rosna Rusmini Safni Sasmita Sri Sukmawati Syamsidar Wati Welly
Yanti Yarni Yeni Yufrida Yulia Yusmaniar Zainab Zulfa Zuraida Zurni Afni Alfi Asmawati Darmayanti
Efrida Eliza Hayati Ilza Jasmiati Linda Maiyulis Mulyani Novita Resmawati Rosliana Silvia Susilawati
`);

export const MELAYU_L = words(`
Abdul Hasan Husin Syamsul Zainal Rusli Jamaludin Azhar Zulkarnain Sulaiman Ismail Yusuf Ibrahim
Idris Hamzah Kamaruddin Ramli Rosli Saleh Mahmud Usman Zakaria Hasbi Ilyas Muhtar Tarmizi
Syarifuddin Anwar Arsyad Bakri Darwis Fadli Harun Jafar Kasim Lukman Mansur Nasir Rahim Said
Samsudin Taufik Wahab Abu Ahmad Amat Awang Bujang Daud Dolah Endut Ghazali Hamid Hamdan Harris
Hasanudin Hasyim Hendra Herman Ishak Jalil Jamal Jasmin Kadir Kamal Karim Khairul Latif Mahadi
Manan Marzuki Mat Muslim Musa Nawawi Nordin Osman Rahmat Rasyid Rizal Rustam Salim Samad Sapri
Sofyan Syahril Syamsir Tamrin Umar Wahid Yahya Yunus Zubir Zulkifli Agustiar Alamsyah Amran Asmuni
Azmi Badrun Bahtiar Dahlan Efendi Fakhrurrazi Habibi Hafizh Irwansyah Junaidi Kamarudin Maswandi
Munir Nazaruddin Rasidi Ridwan Safaruddin Sahrul Sudirman Suhaimi Syahrizal Tarmizi Zaini Zulfan
`);

export const MELAYU_P = words(`
Rosmiati Jamilah Halimah Nurbaiti Rohani Rosnah Zaleha Maimunah Rosidah Salmah Aminah Kartini
Masitah Nurhasanah Rosdiana Zuraida Raudah Hasnah Sarifah Mardiana Juliana Rosmawati Asiah Aisyah
Azizah Badariah Dahlia Darmawati Erni Fatimah Hamidah Hayati Jamaliah Juliati Kamariah Khadijah
Latifah Marlina Maryam Mastura Nurhayati Nuraini Nurlela Rahimah Ramlah Rohana Rokiah Rosita
Rukiah Salbiah Saniah Sarimah Siti Suryani Syamsiah Wan Yusnani Zainab Zubaidah Zulaiha Aslinda
Asmah Azlina Emi Eliyana Fadilah Hairani Herlina Idawati Isnaini Jumiati Kasmah Leli Masnah
Mastina Misnah Nani Norma Rahmi Ratna Rubiah Rusmiati Sapiah Sariah Sumiati Suriani Syarifah
Tuti Wahyuni Yulia Yuliana Yusnidar Zahara Zuhaidah Armawati Bainah Cik Dayang Esah Habsah
`);

export const BATAK_L = words(`
Togar Parlindungan Maruli Hotman Sahat Bonar Poltak Binsar Tumpal Manahan Parulian Gomgom Marihot
Horas Jonggi Saut Tigor Marolop Pangihutan Torang Budiman Ronald Hotma Lamhot Marudut Sabar
Tongam Hasudungan Mangasa Marganda Dapot Halomoan Hamonangan Jogi Oloan Parningotan Parsaoran
Sintong Bisuk Darwin Ferdinand Gerhard Hisar Jaya Jhonson Luhut Maringan Martua Mangapul Mangatas
Mangihut Marhusa Marojahan Marnaek Monang Mulatua Nelson Pandapotan Panusunan Pardomuan Partogi
Pintor Rajamin Ramses Robinson Salomo Sampe Sanggam Saudur Tagor Tohap Tulus Ucok Victor Wilmar
Asido Benget Dohar Edison Hasiholan Humala Jhon Juniver Lambok Manaor Mangaraja Marolan Maslan
Mauliate Nimrod Olo Pahala Porman Rinto Roganda Sahala Saor Sihar Sudung Tiopan Uli Wesly
Parlagutan Baginda Sutan Soaduon Mara Raja Muda Halim Kamaluddin Parlaungan Sori Lobi Hamdan
`);

export const BATAK_P = words(`
Rosmauli Tiurma Lamtiar Sondang Romauli Hotmaida Tiorida Rugun Lasma Nurcahaya Masniari Dormaida
Melati Rumondang Tiarma Hotnida Lamria Renta Rotua Duma Taruli Debora Ester Friska Hotmarina
Hotnauli Intan Juliana Lamsihar Lenny Lusiana Marlina Marta Masta Merry Minar Mona Nurhaida
Nurmaida Nurmala Pesta Rajani Rasmi Relita Rina Risma Roslina Rosmawati Rosmeri Rosnida Rosta
Ruth Saur Sere Sonti Sorta Tetty Tiur Togi Tumiar Uli Verawati Yanti Aida Ance Basaria Butet
Dame Ernawati Erlina Flora Gabe Helena Herlina Hotma Imelda Jenny Kasma Lamtiur Lince Loide
Mariati Masria Mida Naomi Nelly Rohana Rismauli Rosdiana Santi Sinta Tiomsi Torasi Ulina Yohana
`);

/** Batak clan names (marga), Toba, Simalungun, Karo, Pakpak and Mandailing. */
export const MARGA = words(`
Siregar Nasution Harahap Lubis Simanjuntak Sitorus Pardede Sinaga Simatupang Hutapea Panjaitan
Situmorang Manurung Silalahi Sihombing Tampubolon Hutagalung Pasaribu Nainggolan Sembiring Ginting
Tarigan Sitepu Purba Saragih Damanik Girsang Hasibuan Daulay Rangkuti Pohan Batubara Ritonga
Matondang Tanjung Pulungan Dalimunthe Sianturi Simbolon Sibarani Hutabarat Hutauruk Hutasoit
Lumbantobing Lumbangaol Marpaung Napitupulu Pangaribuan Pakpahan Panggabean Sagala Samosir
Siahaan Sianipar Siburian Sidabutar Sihite Sijabat Silaban Simamora Simanullang Simarmata
Simbolon Sinambela Sinurat Siringoringo Sitanggang Sitompul Situmeang Tambunan Togatorop Aritonang
Butarbutar Gultom Hutajulu Limbong Malau Manik Munthe Naibaho Nababan Pandiangan Rumapea Sagala
Sarumpaet Silitonga Simangunsong Sinabutar Sirait Siringo Tobing Barus Bangun Kaban Karokaro
Perangin-angin Sinulingga Sebayang Surbakti Tumanggor Berutu Bancin Solin Padang Angkat Boangmanalu
`);

/** The Muslim (Mandailing, Angkola, Pesisir) marga, for Muslim Batak families. */
export const MARGA_MUSLIM = words(`
Nasution Lubis Harahap Siregar Hasibuan Daulay Rangkuti Pohan Batubara Ritonga Matondang Tanjung
Pulungan Dalimunthe Parinduri Hutasuhut Rambe Pane Tambak Lintang Nasution Lubis Harahap Siregar
`);

export const BUGIS_L = words(`
Baso Haeruddin Amiruddin Nurdin Sudirman Hasanuddin Jumardi Syahrir Akbar Arfah Asri Bahtiar
Darwis Faisal Hamzah Haris Irwan Jamal Kaharuddin Kamaruddin Mappiasse Mappaseng Muhlis Nasaruddin
Rahmat Ridwan Saharuddin Syamsuddin Tajuddin Wahyuddin Zainuddin Sangkala Lolo Tenri Bakri Ambo
Mustari Sahabuddin Abdillah Alimuddin Anshar Arifuddin Arsyad Asdar Asrul Awaluddin Badaruddin
Basri Burhanuddin Daeng Darmawan Fachruddin Hamka Hasbullah Haslim Husain Ilham Jamaluddin
Jufri Kadir Lukman Mahmud Makmur Mallarangeng Mappe Marzuki Muchtar Muhammad Mursalim Nasrun
Natsir Nurhadi Rahman Ramli Rasyid Rusdi Sainal Salahuddin Samsul Sappe Sulaiman Suardi Syafruddin
Syarifuddin Taslim Usman Yunus Zulkifli Agussalim Asriadi Bahar Baharuddin Darmin Erwin Hakim
Harun Idrus Ikhsan Kasim Muliadi Nasir Rudi Saldi Takdir Upa Wahid
`);

export const BUGIS_P = words(`
Hasnah Nurhaeda Rosmini Hasmawati Sumarni Hasniah Nurhaedah Besse Indo Rahmawati Nuraeni Hasriani
Salmiah Marlina Wahida Jumriah Haslinda Nurbaya Kasmawati Suriani Hadijah Murni Rahmatia Fatmawati
Nurdiana Andriani Asmawati Bungawali Darmawati Erna Hasmiati Hasna Herlina Husnaeni Irmawati
Jumiati Kartini Marwah Masniah Misnawati Munira Nasrah Nurhidayah Nurjannah Nurlina Rahmah
Rosdiana Rosmiati Rostina Saenab Sakina Satriani Sitti Sukmawati Sunarti Syamsiah Wahidah
Wartini Yuliana Zaenab Hasmiah Indrawati Jumrah Kasmiati Masyita Nurmiati Rabiah Rismawati
Sahriani Sulfiani Tenri Ulfa Asriani Hartina Ismawati Mardiana Nurfaidah Sitti Hamsinah Nurhayati
`);

// Balinese: birth-order names, then given names.
export const BALI_ORDER = [
  ['Wayan', 'Putu', 'Gede'],
  ['Made', 'Kadek', 'Nengah'],
  ['Nyoman', 'Komang'],
  ['Ketut'],
] as const;

export const BALI_L = words(`
Sudarma Wirawan Suartana Artawan Budiarta Sukadana Suardana Sudiarta Mertha Ardana Wiratama
Adnyana Arsana Dharma Gunawan Kariasa Mahendra Murjana Parwata Rai Santika Sutama Suweta Widiana
Yasa Darmawan Sudarsana Sukarta Putra Merta Arimbawa Astawa Dana Jaya Kerta Adi Agus Alit Antara
Ariawan Arjaya Artana Astika Budiasa Darma Darsana Diana Gede Gunarta Juliarta Kartika Kusuma
Mardika Mudana Narka Oka Pasek Pande Pradnyana Rasta Redana Rupawan Sadia Sandiasa Sapta Sarjana
Sedana Semara Subrata Suarjana Suarta Sudana Sudira Sugiarta Sujana Sukarma Sumerta Suparta
Supartha Suryawan Suta Sutarja Suwirya Swastika Tirta Tisna Udayana Wardana Wartana Wiarta
Widnyana Winata Yasana Yudiana Ardika Astina Darmika Eka Gunada Kariana Lanus Mertayasa Ngurah
Purnama Resa Sastra Sukerta Wiguna Yoga
`);

export const BALI_P = words(`
Sriasih Ariani Suryani Wahyuni Darmayanti Sukerti Sumerti Ratih Suarni Mariani Sudiani Kartini
Ayu Sudarmi Widiastuti Astiti Wulandari Yuliani Suciani Artini Puspa Sari Dewi Juliantari Rusmini
Rupini Warsiki Wartini Adnyani Ardani Ariasih Arini Armini Astini Budiasih Candra Damayanti Darmini
Diantari Eka Ekayanti Gayatri Handayani Indrawati Juni Kariani Karmini Kusuma Laksmi Lestari
Maheni Mardani Merti Mirah Murniati Muliani Novi Oktaviani Padmi Parwati Pradnyani Puspita Rai
Rasmini Ratna Resmini Rianti Rusni Sadri Sanjiwani Santi Sapitri Sayang Sekar Sri Suarmini Sudarsi
Sukarmi Sulasmi Sumartini Suparmi Suriani Suryati Sutarmi Suwarni Swandewi Tirta Trisna Utari
Wati Widari Wiratni Yanti Yuni Asri Budiani Desak Jero Kompiang Mertasari Purnami Wirati
`);

// Christian given names (Catholic and Protestant), used in NTT, Minahasa,
// Maluku, Papua, Toba, Dayak and Chinese-Indonesian families.
export const KRISTEN_L = words(`
Yohanes Yosef Agustinus Fransiskus Petrus Paulus Stefanus Marthen Yulius Kornelis Frederik Markus
Matius Lukas Simon Andreas Thomas Bernardus Gabriel Ignasius Kristoforus Laurensius Maximus
Melkianus Nikolaus Obed Oktovianus Rafael Servas Silvester Theodorus Viktor Wilhelmus Yakobus
Yeremias Zakarias Alfons Antonius Benediktus Dominikus Emanuel Fidelis Gerardus Hendrikus Herman
Hironimus Kasimirus Klemens Leonardus Lodovikus Mikael Abraham Adrianus Albertus Aleksander
Alfonsus Ambrosius Anselmus Arnoldus Aloysius Barnabas Bartolomeus Benyamin Blasius Daniel David
Demianus Dionisius Donatus Eduardus Elias Engelbertus Erasmus Eugenius Fabianus Felix Filipus
Florianus Gregorius Habel Heribertus Hubertus Imanuel Isak Yakob Yanuarius Yeheskiel Yohanis Yonas
Yosua Yustinus Kanisius Karolus Kosmas Kristianus Lazarus Leo Linus Marselinus Martinus Matias
Maurits Mateus Natanael Nobertus Oktavianus Patrisius Piter Rikardus Robertus Rofinus Rudolf
Salomon Samuel Sebastianus Sefanya Semuel Severinus Simplisius Sirilus Stevanus Teodorus Timotius
Titus Urbanus Valentinus Vinsensius Wilfridus Yosias Zeth Arnold Charles Decky Ferry Frans Hans
Hengky Jacky Jefry Jeffry Johny Lexy Meky Otniel Richard Ronny Sonny Stenly Stevi Welem Yance
`);

export const KRISTEN_P = words(`
Maria Yohana Magdalena Elisabeth Theresia Margaretha Agnes Yuliana Veronika Anastasia Angelina
Bernadeta Christina Dorothea Editha Fransiska Gresia Helena Irene Katarina Kristina Lusia Marselina
Martha Natalia Oktaviana Paulina Regina Rosalia Skolastika Susana Priska Yasinta Florentina Imelda
Adriana Benedikta Emerensiana Yovita Agata Albertina Aleta Anjelina Antonia Apolonia Arnolda
Beatriks Benedikta Brigita Karolina Klara Kornelia Debora Delfina Dominika Elfrida Elisa Ester
Evi Febronia Filomena Frederika Gabriela Gertrudis Hendrika Hermina Ida Ignasia Ines Ivon
Yakoba Yeni Yosefina Yuli Yustina Kristiana Lidia Lorensia Lusiana Magdalena Margarita Mariana
Marlin Mateldis Meriana Mersi Mikaela Monika Naomi Nela Norma Oktovina Patrisia Petronela
Rebeka Regina Ribka Rosa Rosalinda Rut Sabina Salomina Sara Selfiana Serlina Sisilia Stefani
Sofia Susan Tabita Trifonia Ursula Valentina Vinsensia Viviana Wilhelmina Yohanita Yulita Zefanya
Anneke Deisy Femmy Grace Jeane Juliet Meity Nonny Olvie Rieke Sandra Stella Vivi Wenny Yolanda
`);

export const NTT_FAMILY = words(`
Bria Seran Nahak Manek Tefa Taek Kase Lake Fanggidae Ndun Lay Pello Messakh Dethan Tlonaen Fallo
Nenabu Nubatonis Bani Benu Boimau Kolo Liu Mau Nitbani Oematan Sabu Sole Tanesib Tnunay Toto Ulu
Amalo Bessie Dillak Foeh Haning Kana Keraf Kleden Koten Lamak Lewar Liwun Making Maran Muda Niron
Ola Pati Pedo Raya Sogen Tokan Tukan Wuwur Bataona Beda Goran Hurint Kedang Lejap Lamanepa Manuk
Bunga Djawa Due Ghale Jawa Kaka Lado Lobo Meo Ngongo Nuwa Rada Sanga Tani Wega Woda Dapa Dowa
Kedu Lero Ndapa Ngailu Pahamu Tagu Umbu Wora Hambandima Lende Malo Ratu Tamu
`);

export const MINAHASA_FAMILY = words(`
Lumenta Tumbelaka Wowor Sondakh Rumengan Pangemanan Mandagi Sumampouw Rondonuwu Kalalo Runtukahu
Tangkau Walangitan Karundeng Lengkong Tambuwun Kaunang Mamahit Manoppo Lumintang Rorimpandey
Supit Tumewu Wenas Kawengian Langi Lasut Lontoh Mangindaan Mantiri Moningka Muntu Ngangi Palit
Pandeirot Pantouw Parengkuan Pelealu Polii Pontoh Porong Posumah Rampengan Ratulangi Rumagit
Rumondor Rompas Runtuwene Saroinsong Sengkey Sigar Sompie Sondak Sumakud Tambajong Tampi Tangel
Tawas Tendean Tengker Tewu Tumiwa Tumbel Turang Umboh Waleleng Walewangko Wangko Warouw Watulingas
Wenur Worang Assa Damongilala Gosal Kalangi Kambey Karamoy Katuuk Kawatu Kindangen Korompis Kumaat
Lapian Legi Liow Loing Makalew Malonda Manangkot Maramis Mewengkang Najoan Ombeng Pangkey
`);

export const PAPUA_FAMILY = words(`
Wenda Tabuni Wonda Kogoya Yikwa Murib Enumbi Rumbiak Mandowen Wanggai Kambu Yoku Mayor Ayomi
Korwa Rumbewas Karubaba Sawaki Kaisiepo Worabai Alua Asso Bonai Degei Dogopia Douw Elopere Gobai
Hisage Itlay Jikwa Kayame Kbarek Keiya Kossay Lokobal Magai Matuan Mote Mirin Nawipa Pekei
Pigai Rumaropen Rumbrawer Sraun Tebay Telenggen Tekege Waker Wakerkwa Wandik Wetipo Yeimo Yogi
Yoweni Ansanay Awom Dimara Fonataba Inggamer Kafiar Kirihio Krey Mansoben Msen Numberi Ohee
Rumainum Rumkorem Sanggenafa Suebu Wamafma Warikar Wospakrik Yarisetouw Aronggear Hamadi Iek
`);

export const MALUKU_FAMILY = words(`
Pattinasarany Siahaya Tuhumury Latumahina Wattimena Leuwol Pattiasina Sahetapy Matulessy Pelupessy
Latuconsina Tuasikal Ohorella Pattimura Manuputty Nanlohy Pattikawa Tahapary Sapulette Sopacua
Tomasoa Lekatompessy Huwae Latuheru Lawalata Leiwakabessy Loppies Maitimu Maspaitella Metekohy
Noya Parinussa Pattipeilohy Picauly Rehatta Ririmasse Sahusilawane Salakory Samallo Sitanala
Soumokil Souisa Talakua Tanamal Tehupeiory Tetelepta Titaley Tupamahu Uneputty Wairata Wenno
Hatala Kakisina Kailola Latuny Lesnussa Lewerissa Manuhutu Matakupan Mustamu Nikijuluw Pesulima
Ruhulessin Saimima Sahertian Tanasale Walalayo Pellu Pattisahusiwa Rumahlatu Hetharia
`);

export const DAYAK_NAMES = words(`
Alung Asang Bilung Bujang Dahan Damang Dorus Ingan Jalung Kabul Lahang Lanting Lejau Liang Lusang
Madang Mering Nyaring Ongko Pelu Rajang Sahun Sigit Tamen Tingang Ujang Usat Yulan Apui Bahat
Buyung Dahiang Ijang Jamang Kuling Luyang Mamat Nyahu Puyang Sabran Tiring Ucok Uyat Batang Dahlan
`);

export const TIONGHOA_L = words(`
Felix Kevin Vincent Michael Steven Hendrik William Jonathan Andrew Calvin Edwin Ferry Gunawan
Hartono Jimmy Johan Kelvin Leo Rudy Sandy Tommy Wilson Yanto Agus Budi Halim Iwan Hendra Albert
Alvin Anthony Arief Benny Bobby Charles Chandra Darwin Dennis Dicky Eddy Erick Ernest Fendy
Fransisko Frengky Hans Harry Henry Herry Irwan Jackson Jason Jefry Jerry Johnny Kenny Kristian
Leonard Lukas Martin Nicholas Oscar Patrick Peter Richard Robert Rony Samuel Sebastian Suwandi
Sutanto Teddy Tony Victor Wendy Willy Yohan Yudi Aldo Alex Bryan Cornelius Dave Evan Gilbert
Hengky Ivan Jeffrey Kenneth Lukman Marcel Rico Ryan Stanley Wijaya
`);

export const TIONGHOA_P = words(`
Jessica Stephanie Lily Linda Meliana Suryani Angela Cindy Cynthia Elisabeth Fenny Grace Irene
Jenny Lisa Lenny Melinda Monica Natalia Olivia Sherly Susan Tiffany Vivian Wendy Yenny Amelia
Angelina Anita Caroline Catherine Cecilia Christine Debby Devi Diana Elsa Evelyn Felicia Fransiska
Gloria Hana Helen Ivana Janet Jennifer Juliana Kartika Lanny Lidya Lusiana Maria Megawati Melissa
Michelle Mona Nancy Novita Patricia Regina Rina Rosalina Sandra Selvi Silvia Sinta Stella Susanti
Tania Veronica Vivi Yuliana Yulita Agnes Audrey Bella Clara Dewi Emily Eveline Ingrid Josephine
`);

export const TIONGHOA_FAMILY = words(`
Wijaya Santoso Halim Gunawan Tanoto Salim Kusuma Hartono Tanujaya Setiadi Susanto Lim Tan Liem Ong
Wong Tjoa Oei Gozali Sutanto Widjaja Sugianto Chandra Tjahjadi Lie Tio Kwee Goh Kho Go Jap Tedja
Kurniawan Budiman Wibisono Tanudjaja Darmawan Hidayat Pranata Angkasa Atmadja Djaja Effendy
Gondokusumo Hadinata Halimi Harsono Hendrawan Irawan Jahja Kartadinata Kosasih Kurnia Lukito
Mulyadi Nugraha Pangestu Prawira Rusli Sanjaya Setiawan Sidharta Sudarsono Sudjatmiko Sugiharto
Sutedja Suwandi Tandiono Tanuwidjaja Tirtawijaya Utomo Wangsa Widjojo Wiranata Yahya Yuwono
`);

/** Pekerjaan as the civil registry (SIAK) writes it. */
export const PEKERJAAN = {
  belumBekerja: 'BELUM/TIDAK BEKERJA',
  rumahTangga: 'MENGURUS RUMAH TANGGA',
  pelajar: 'PELAJAR/MAHASISWA',
  pensiunan: 'PENSIUNAN',
  pns: 'PEGAWAI NEGERI SIPIL (PNS)',
  tni: 'TENTARA NASIONAL INDONESIA (TNI)',
  polri: 'KEPOLISIAN RI (POLRI)',
  perdagangan: 'PERDAGANGAN',
  petani: 'PETANI/PEKEBUN',
  peternak: 'PETERNAK',
  nelayan: 'NELAYAN/PERIKANAN',
  karyawanSwasta: 'KARYAWAN SWASTA',
  karyawanBumn: 'KARYAWAN BUMN',
  karyawanBumd: 'KARYAWAN BUMD',
  honorer: 'KARYAWAN HONORER',
  buruhHarian: 'BURUH HARIAN LEPAS',
  buruhTani: 'BURUH TANI/PERKEBUNAN',
  wiraswasta: 'WIRASWASTA',
  guru: 'GURU',
  perangkatDesa: 'PERANGKAT DESA',
  sopir: 'SOPIR',
  tukang: 'TUKANG BATU',
  pedagang: 'PEDAGANG',
} as const;

export const COMPANY_WORDS_A = words(`
Sinar Bumi Mitra Karya Tunas Cahaya Agro Mega Jaya Inti Putra Surya Citra Anugerah Berkah Maju
Prima Sentosa Nusa Tirta Sawit Permata Mulia Harapan Bintang Graha Lintas Sumber Kencana
`);

export const COMPANY_WORDS_B = words(`
Abadi Makmur Sejahtera Lestari Perkasa Utama Mandiri Sentosa Bersama Persada Nusantara Indah
Gemilang Raya Plantation Logistik Sakti Jaya Agung Kencana Niaga Konstruksi Sawit Energi
`);

export const STREET_WORDS = words(`
Merdeka Sudirman Diponegoro Pahlawan Veteran Pemuda Lintas Pasar Masjid Sekolah Kampung Baru
Pelita Kenanga Melati Mawar Cempaka Flamboyan Anggrek Delima Durian Kelapa Karet Sawit Bukit
Sungai Lapangan Balai Kartini Gajah Mada Hasanuddin Imam Bonjol Hatta Soekarno Talang Rimbo
`);

export const DUSUN_WORDS = words(`
Baru Lama Makmur Jaya Mulya Sari Rejo Harapan Karya Bakti Sejahtera Indah Tengah Hulu Hilir
Ilir Ulu Sentosa Maju Damai Lestari Mekar Tanjung Sungai Bukit Pematang Talang Kampung Koto
`);
