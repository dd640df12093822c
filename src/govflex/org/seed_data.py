"""Fictional names and structures for the demo agency (no real people)."""

FIRST_NAMES_F = (
    "สมศรี", "มาลี", "วันเพ็ญ", "จันทร์เพ็ญ", "สุภาพร", "กมลวรรณ", "ปิยะนุช", "ศิริพร", "อรุณี", "นภาพร",
    "พรทิพย์", "รัตนา", "วิไลวรรณ", "สุนันทา", "อัญชลี", "เบญจวรรณ", "ชุติมา", "ณัฐธิดา", "ธนพร", "ปวีณา",
)
FIRST_NAMES_M = (
    "สมชาย", "ประเสริฐ", "วิชัย", "สุรชัย", "ธนากร", "กิตติพงษ์", "อนุชา", "ณัฐพล", "ปิยะพงษ์", "วีระ",
    "สมศักดิ์", "เกียรติศักดิ์", "ชัยวัฒน์", "พงศกร", "ธีรวัฒน์", "ศุภชัย", "อภิชาติ", "จักรพันธ์", "ภานุวัฒน์", "วรวุฒิ",
)
LAST_NAMES = (
    "ใจดี", "รักไทย", "ศรีสุข", "บุญมา", "แก้วมณี", "ทองดี", "สุขสวัสดิ์", "วงศ์ใหญ่", "พูลสวัสดิ์", "ชัยมงคล",
    "ศรีวิไล", "มั่นคง", "เจริญผล", "สมบูรณ์", "ประเสริฐศักดิ์", "นาคสวัสดิ์", "อินทร์แก้ว", "ธรรมรักษ์", "บุญเรือง", "สายทอง",
    "พรหมมา", "จันทร์หอม", "ศักดิ์สิทธิ์", "วัฒนชัย", "กาญจนา", "ทรัพย์มาก", "รุ่งเรือง", "ศรีอ่อน", "คำแก้ว", "ปัญญาดี",
)
ROMAN_F = (
    "Somsri", "Malee", "Wanphen", "Chanphen", "Supaporn", "Kamonwan", "Piyanut", "Siriporn", "Arunee", "Napaporn",
    "Pornthip", "Rattana", "Wilaiwan", "Sunanta", "Anchalee", "Benjawan", "Chutima", "Natthida", "Thanaporn", "Paweena",
)
ROMAN_M = (
    "Somchai", "Prasert", "Wichai", "Surachai", "Thanakorn", "Kittipong", "Anucha", "Nattapon", "Piyapong", "Weera",
    "Somsak", "Kiattisak", "Chaiwat", "Pongsakorn", "Theerawat", "Suppachai", "Apichat", "Jakkapan", "Panuwat", "Worawut",
)
ROMAN_LAST = (
    "Jaidee", "Rakthai", "Srisuk", "Boonma", "Kaewmanee", "Thongdee", "Suksawat", "Wongyai", "Poolsawat", "Chaimongkol",
    "Sriwilai", "Mankong", "Charoenphon", "Somboon", "Prasertsak", "Naksawat", "Inkaew", "Thammarak", "Boonruang", "Saithong",
    "Promma", "Chanhom", "Saksit", "Wattanachai", "Kanchana", "Supmak", "Rungruang", "Sri-on", "Khamkaew", "Panyadee",
)

# (code, Thai title, English title, line, level, mission type, position type)
POSITIONS = (
    ("P01", "อธิบดี", "Director-General", "บริหาร", "บริหารระดับสูง", "policy_support", "supervision_command"),
    ("P02", "ผู้อำนวยการกอง", "Division Director", "อำนวยการ", "อำนวยการระดับสูง", "policy_support", "supervision_command"),
    ("P03", "หัวหน้ากลุ่มงาน", "Head of Group", "อำนวยการ", "ชำนาญการพิเศษ", "policy_support", "supervision_command"),
    ("P04", "นักทรัพยากรบุคคล", "Human Resource Officer", "ทรัพยากรบุคคล", "ปฏิบัติการ", "policy_support", "support"),
    ("P05", "นักวิชาการเงินและบัญชี", "Finance and Accounting Officer", "การเงินและบัญชี", "ชำนาญการ", "policy_support", "support"),
    ("P06", "นักวิชาการคอมพิวเตอร์", "Computer Technical Officer", "คอมพิวเตอร์", "ชำนาญการ", "policy_support", "support"),
    ("P07", "เจ้าพนักงานธุรการ", "Administrative Officer", "ธุรการ", "ปฏิบัติงาน", "policy_support", "support"),
    ("P08", "นักวิเคราะห์นโยบายและแผน", "Policy and Plan Analyst", "วิเคราะห์นโยบายและแผน", "ชำนาญการ", "policy_support", "study_analysis_research"),
    ("P09", "นักวิชาการสถิติ", "Statistician", "สถิติ", "ปฏิบัติการ", "policy_support", "study_analysis_research"),
    ("P10", "นักวิจัย", "Researcher", "วิจัย", "ชำนาญการ", "special", "study_analysis_research"),
    ("P11", "เจ้าพนักงานบริการประชาชน", "Citizen Service Officer", "บริการประชาชน", "ปฏิบัติงาน", "citizen_service", "public_contact"),
    ("P12", "นักประชาสัมพันธ์", "Public Relations Officer", "ประชาสัมพันธ์", "ปฏิบัติการ", "citizen_service", "public_contact"),
    ("P13", "นิติกร", "Legal Officer", "นิติการ", "ชำนาญการ", "citizen_service", "public_contact"),
    ("P14", "นักวิชาการส่งเสริมการเกษตร", "Agricultural Extension Officer", "ส่งเสริมการเกษตร", "ชำนาญการ", "special", "area_field_work"),
    ("P15", "เจ้าพนักงานสำรวจ", "Field Surveyor", "สำรวจ", "ปฏิบัติงาน", "special", "area_field_work"),
    ("P16", "นักตรวจสอบภายใน", "Internal Auditor", "ตรวจสอบภายใน", "ชำนาญการ", "policy_support", "support"),
)

# Top-level units (code, Thai, English, service point?, regional?)
DIVISIONS = (
    ("SEC", "สำนักงานเลขานุการกรม", "Office of the Secretary", False, False),
    ("HRD", "กองบริหารทรัพยากรบุคคล", "Human Resources Division", False, False),
    ("FIN", "กองคลัง", "Finance Division", False, False),
    ("ICT", "ศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร", "ICT Centre", False, False),
    ("PLN", "กองยุทธศาสตร์และแผนงาน", "Strategy and Planning Division", False, False),
    ("AUD", "กลุ่มตรวจสอบภายใน", "Internal Audit Group", False, False),
    ("SVC", "ศูนย์บริการประชาชน", "Citizen Service Centre", True, False),
    ("R1", "สำนักงานเขต ๑ (ภาคเหนือ)", "Regional Office 1 (North)", False, True),
    ("R2", "สำนักงานเขต ๒ (ภาคอีสาน)", "Regional Office 2 (Northeast)", False, True),
    ("R3", "สำนักงานเขต ๓ (ภาคใต้)", "Regional Office 3 (South)", False, True),
)
GROUP_NAMES = (
    ("กลุ่มงานบริหารทั่วไป", "General Administration Group"),
    ("กลุ่มงานวิชาการ", "Technical Group"),
    ("กลุ่มงานพัฒนาระบบ", "Systems Development Group"),
    ("กลุ่มงานติดตามและประเมินผล", "Monitoring and Evaluation Group"),
    ("กลุ่มงานปฏิบัติการพื้นที่", "Field Operations Group"),
)
