"""Schema.org JSON-LD for search engines, built from plain data.

The output sits in `<script type="application/ld+json">`. Browsers never execute that type,
so it needs no CSP nonce, and it must not carry one: the page it sits in is cached and shared.
"""

import json

from django.utils.safestring import SafeString, mark_safe

from .markdown_render import html_to_text

# `</script>` inside a string must not close the element; escape the characters HTML cares about.
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def ld_json(data: dict) -> SafeString:
    """`data` as JSON that is safe to place inside a script element."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_ESCAPES))  # noqa: S308


def clinic_id(site_url: str) -> str:
    return f"{site_url}/#clinic"


def clinic_data(*, site_settings, site_url: str) -> dict:
    """The clinic as a MedicalClinic (shown on every page)."""
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalClinic",
        "@id": clinic_id(site_url),
        "name": site_settings.clinic_name,
        "url": f"{site_url}/",
        "telephone": site_settings.phone,
        "areaServed": site_settings.area_served,
        "medicalSpecialty": "Psychiatric",
    }
    if site_settings.address:
        data["address"] = {"@type": "PostalAddress", "description": site_settings.address}
    return data


def in_language(language: str) -> str:
    """The BCP 47 tag of the page's words: the clinic writes for the United States."""
    return f"{language or 'en'}-US"


def medical_web_page_data(
    *, page, description: str, canonical_url: str, site_url: str, language: str = "en"
) -> dict:
    """A MedicalWebPage with its medical review (lastReviewed, reviewedBy) when there is one.
    `language` is the language its words are shown in (English under /es/ until reviewed)."""
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": page.title,
        "headline": page.title,
        "description": description,
        "url": canonical_url,
        "inLanguage": in_language(language),
        "dateModified": page.updated_at.isoformat(),
        "publisher": {"@id": clinic_id(site_url)},
        "about": {"@type": "MedicalTherapy", "name": "Ketamine-assisted couples therapy"},
    }
    if page.is_reviewed:
        data["lastReviewed"] = page.last_reviewed_on.isoformat()
        reviewer = {"@type": "Person", "name": page.reviewer_name}
        if page.reviewer_credentials:
            reviewer["jobTitle"] = page.reviewer_credentials
        data["reviewedBy"] = reviewer
    return data


def faq_page_data(*, faqs, canonical_url: str, language: str = "en") -> dict | None:
    """A FAQPage for a page with question-and-answer entries, else None."""
    if not faqs:
        return None
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "url": canonical_url,
        "inLanguage": in_language(language),
        "mainEntity": [
            {
                "@type": "Question",
                "name": faq.question,
                "acceptedAnswer": {"@type": "Answer", "text": html_to_text(faq.answer_html)},
            }
            for faq in faqs
        ],
    }


def page_structured_data(
    *, page, site_settings, description: str, canonical_url: str, site_url: str, content
) -> list[SafeString]:
    """A page's JSON-LD blocks: the clinic; for a page, the page and its FAQ (if any), in
    the language of its shown words (content.shown_language)."""
    structured = [clinic_data(site_settings=site_settings, site_url=site_url)]
    language = content.shown_language
    if page is not None:
        structured.append(
            medical_web_page_data(
                page=page,
                description=description,
                canonical_url=canonical_url,
                site_url=site_url,
                language=language,
            )
        )
        faq = faq_page_data(faqs=content.faqs, canonical_url=canonical_url, language=language)
        if faq:
            structured.append(faq)
    return [ld_json(data) for data in structured]
