"""Offices, numbers, dates and the letter around the table, drawn from a seed.

All invented. The sentences are written for this generator in the register of Thai orders;
none is taken from the seeds.
"""

from __future__ import annotations

from datetime import date

import numpy as np

from samples.families.spec import Letter, Person, Signer
from samples.families.text import choice, digits, thai_date

PROVINCES = (
    "ลำปาง", "พะเยา", "น่าน", "แพร่", "เชียงราย", "ลำพูน", "อุตรดิตถ์", "สุโขทัย", "พิษณุโลก",
    "ขอนแก่น", "อุดรธานี", "มหาสารคาม", "ร้อยเอ็ด", "ยโสธร", "ศรีสะเกษ", "สุรินทร์", "บุรีรัมย์",
    "นครราชสีมา", "ชัยภูมิ", "เลย", "หนองคาย", "สกลนคร", "นครพนม", "มุกดาหาร", "อำนาจเจริญ",
    "ชลบุรี", "ระยอง", "จันทบุรี", "ตราด", "ปราจีนบุรี", "สระแก้ว", "นครนายก", "ลพบุรี",
    "สิงห์บุรี", "อ่างทอง", "สุพรรณบุรี", "กาญจนบุรี", "ราชบุรี", "เพชรบุรี", "ชุมพร", "ระนอง",
    "สุราษฎร์ธานี", "นครศรีธรรมราช", "พัทลุง", "ตรัง", "สตูล", "สงขลา", "ยะลา", "กระบี่", "พังงา",
)
DISTRICTS = (
    "เมือง", "แม่ทะ", "เกาะคา", "เสริมงาม", "งาว", "แจ้ห่ม", "วังเหนือ", "เถิน", "สบปราบ", "ห้างฉัตร",
    "ดอกคำใต้", "จุน", "ปง", "เชียงคำ", "บ้านไผ่", "ชุมแพ", "น้ำพอง", "พล", "กระนวน", "ภูเวียง",
    "บางละมุง", "ศรีราชา", "พนัสนิคม", "สัตหีบ", "ทุ่งสง", "ปากพนัง", "หาดใหญ่", "สะเดา", "ระโนด",
)
# (issuer template, head's position template, document code) -- {p} province, {d} district.
OFFICES = (
    ("สำนักงานคลังจังหวัด{p}", "คลังจังหวัด{p}", "กค"),
    ("สำนักงานที่ดินจังหวัด{p}", "เจ้าพนักงานที่ดินจังหวัด{p}", "มท"),
    ("สำนักงานที่ดินจังหวัด{p} สาขา{d}", "เจ้าพนักงานที่ดินจังหวัด{p} สาขา{d}", "มท"),
    ("ที่ว่าการอำเภอ{d}", "นายอำเภอ{d}", "มท"),
    ("สำนักงานจังหวัด{p}", "ผู้ว่าราชการจังหวัด{p}", "มท"),
    ("สำนักงานพัฒนาชุมชนจังหวัด{p}", "พัฒนาการจังหวัด{p}", "มท"),
    ("สำนักงานขนส่งจังหวัด{p}", "ขนส่งจังหวัด{p}", "คค"),
    ("สำนักงานประกันสังคมจังหวัด{p}", "ประกันสังคมจังหวัด{p}", "รง"),
    ("สำนักงานสาธารณสุขจังหวัด{p}", "นายแพทย์สาธารณสุขจังหวัด{p}", "สธ"),
    ("สำนักงานธนารักษ์พื้นที่{p}", "ธนารักษ์พื้นที่{p}", "กค"),
    ("สำนักงานพาณิชย์จังหวัด{p}", "พาณิชย์จังหวัด{p}", "พณ"),
    ("สำนักงานเกษตรจังหวัด{p}", "เกษตรจังหวัด{p}", "กษ"),
    ("สำนักงานแรงงานจังหวัด{p}", "แรงงานจังหวัด{p}", "รง"),
    ("สำนักงานสรรพากรพื้นที่{p}", "สรรพากรพื้นที่{p}", "กค"),
    ("สำนักงานทะเบียนอำเภอ{d}", "นายอำเภอ{d}", "มท"),
    ("สำนักงานสวัสดิการและคุ้มครองแรงงานจังหวัด{p}", "สวัสดิการและคุ้มครองแรงงานจังหวัด{p}",
     "รง"),
)
SUBJECTS = (
    "มอบหมายผู้กำกับดูแลและผู้รับผิดชอบตามหลักเกณฑ์มาตรฐานศูนย์ราชการสะดวก",
    "แต่งตั้งผู้รับผิดชอบการดำเนินงานศูนย์ราชการสะดวก (GECC) ประจำปี พ.ศ. {y}",
    "การมอบหมายงานเพื่อขอรับรองมาตรฐานศูนย์ราชการสะดวก (Government Easy Contact Center)",
    "มอบหมายเจ้าหน้าที่รับผิดชอบเกณฑ์มาตรฐานศูนย์ราชการสะดวก รอบการประเมินปี {y}",
    "แบ่งงานและมอบหมายหน้าที่การจัดเตรียมเอกสารหลักฐานศูนย์ราชการสะดวก",
)
# Preambles: {issuer} {year} {ref_no} {ref_date}; two or three paragraphs each.
PREAMBLES = (
    ("ด้วยสำนักงานปลัดสำนักนายกรัฐมนตรีและสำนักงาน ก.พ.ร. ได้กำหนดหลักเกณฑ์มาตรฐานศูนย์ราชการ"
     "สะดวก ประจำปี พ.ศ. {year} เพื่อยกระดับการให้บริการประชาชนของหน่วยงานภาครัฐ",
     "เพื่อให้{issuer}สามารถยื่นขอรับการประเมินได้ตามกำหนด และการเตรียมเอกสารหลักฐานแต่ละ"
     "หลักเกณฑ์มีผู้รับผิดชอบชัดเจน จึงมอบหมายให้ข้าราชการและเจ้าหน้าที่ตามบัญชีท้ายคำสั่งนี้"
     "ปฏิบัติหน้าที่กำกับดูแลและจัดทำข้อมูลในส่วนที่ได้รับมอบหมาย"),
    ("อาศัยอำนาจตามความในมาตรา ๓๒ แห่งพระราชบัญญัติระเบียบบริหารราชการแผ่นดิน พ.ศ. ๒๕๓๔ "
     "และที่แก้ไขเพิ่มเติม ประกอบกับแนวทางการขับเคลื่อนศูนย์ราชการสะดวกของจังหวัด",
     "{issuer}จึงมอบหมายผู้กำกับดูแลและผู้รับผิดชอบหลักเกณฑ์มาตรฐานศูนย์ราชการสะดวกเป็นรายข้อ "
     "เพื่อรวบรวมเอกสาร ภาพถ่าย และหลักฐานประกอบการประเมิน ดังรายละเอียดแนบท้ายนี้",
     "ให้ผู้ได้รับมอบหมายประสานงานกันอย่างใกล้ชิด และรายงานความก้าวหน้าต่อหัวหน้าส่วนราชการ"
     "ทุกเดือน"),
    ("ตามที่{issuer}ได้ประกาศเจตนารมณ์ในการพัฒนาการให้บริการประชาชนให้ได้มาตรฐานศูนย์ราชการ"
     "สะดวก และได้มีคำสั่ง ที่ {ref_no} ลงวันที่ {ref_date} แต่งตั้งคณะทำงานไว้แล้ว นั้น",
     "เพื่อให้การจัดเก็บข้อมูลและเอกสารประกอบการขอรับรองมาตรฐานเป็นไปอย่างครบถ้วนและทันเวลา "
     "จึงกำหนดผู้กำกับดูแลและผู้รับผิดชอบในแต่ละเกณฑ์ ตามเอกสารแนบ"),
    ("ศูนย์ราชการสะดวกเป็นนโยบายสำคัญของรัฐบาลในการอำนวยความสะดวกแก่ประชาชนผู้มาติดต่อราชการ "
     "ให้ได้รับบริการที่รวดเร็ว ถูกต้อง และเป็นธรรม",
     "ในการนี้ เพื่อให้การเตรียมความพร้อมรับการตรวจประเมินของ{issuer} ประจำปี พ.ศ. {year} "
     "บรรลุผลสำเร็จ จึงมอบหมายหน้าที่ให้บุคคลดังต่อไปนี้ รับผิดชอบหลักเกณฑ์ตามบัญชีแนบท้าย",
     "ให้ผู้กำกับดูแลติดตามและตรวจสอบความถูกต้องของข้อมูล และให้ผู้รับผิดชอบจัดทำและรวบรวม"
     "หลักฐานให้แล้วเสร็จก่อนวันยื่นคำขอรับรอง"),
)
CLOSINGS = (
    "ทั้งนี้ ให้มีผลตั้งแต่วันที่ลงนามในคำสั่งเป็นต้นไป",
    "จึงขอให้ผู้ได้รับมอบหมายปฏิบัติหน้าที่ด้วยความรับผิดชอบ เพื่อประโยชน์ของทางราชการ",
    "ทั้งนี้ ให้ผู้ได้รับมอบหมายถือปฏิบัติโดยเคร่งครัด ตั้งแต่วันที่ลงนามเป็นต้นไป",
    "ให้ผู้ที่ได้รับมอบหมายดำเนินการให้แล้วเสร็จตามกำหนด หากมีปัญหาให้รายงานทราบโดยเร็ว",
)
ORDER_DATE_LINES = ("สั่ง ณ วันที่ {date}", "สั่ง  ณ  วันที่  {date}", "ให้ไว้ ณ วันที่ {date}")
DEPUTY_LINES = ("", "ปฏิบัติราชการแทน", "รักษาราชการแทน")


def draw_date(rng: np.random.Generator, edition: str) -> tuple[int, int, int]:
    """An order's date in the months before the edition's round (Buddhist era)."""
    year_be = int(edition) - int(rng.integers(0, 2))
    month = int(rng.integers(10, 13)) if year_be < int(edition) else int(rng.integers(1, 7))
    return int(rng.integers(1, 29)), month, year_be


def draw_office(rng: np.random.Generator) -> tuple[str, str, str, str]:
    """(issuer, head's position, province, document code)."""
    issuer, head, code = choice(rng, OFFICES)
    province, district = choice(rng, PROVINCES), choice(rng, DISTRICTS)
    if district == "เมือง":
        district = f"เมือง{province}"
    return (issuer.format(p=province, d=district), head.format(p=province, d=district),
            province, code)


def draw_order_letter(rng: np.random.Generator, edition: str, signer: Person, *,
                      thai: bool) -> Letter:
    issuer, head, _province, _code = draw_office(rng)
    day, month, year_be = draw_date(rng, edition)
    era = bool(rng.random() < 0.8)
    printed_date = thai_date(day, month, year_be, thai=thai, era=era)
    number = digits(f"{int(rng.integers(1, 420))}/{year_be}", thai)
    ref_day = max(1, day - int(rng.integers(3, 20)) % day)
    values = {
        "issuer": issuer, "year": digits(edition, thai),
        "ref_no": digits(f"{int(rng.integers(1, 200))}/{year_be}", thai),
        "ref_date": thai_date(ref_day, month, year_be, thai=thai, era=False),
    }
    paragraphs = tuple(p.format(**values) for p in choice(rng, PREAMBLES))
    subject = choice(rng, SUBJECTS).format(y=digits(edition, thai))
    closing = choice(rng, CLOSINGS)
    date_line = choice(rng, ORDER_DATE_LINES).format(date=printed_date)
    deputy = choice(rng, DEPUTY_LINES)
    position = tuple(p for p in (signer.position, deputy, head if deputy else "") if p)
    if not deputy:
        position = (head,)
    attachment_head = choice(rng, (
        f"เอกสารแนบท้ายคำสั่ง{issuer} ที่ {number}",
        f"บัญชีรายชื่อผู้กำกับดูแลและผู้รับผิดชอบ แนบท้ายคำสั่ง{issuer} ที่ {number} "
        f"ลงวันที่ {printed_date}",
        f"รายละเอียดการมอบหมายงานศูนย์ราชการสะดวก ({issuer})",
    ))
    return Letter(issuer, number, printed_date, date(year_be - 543, month, day).isoformat(),
                  subject, (*paragraphs, closing), date_line, Signer(signer, position),
                  attachment_head)
