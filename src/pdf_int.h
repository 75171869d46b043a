/*
 * pdf_int: what the files of the PDF device share (pdf_device.c draws,
 * pdf_image.c loads images) and nobody else may see.
 */
#ifndef BROCHURE_PDF_INT_H
#define BROCHURE_PDF_INT_H

#include <stddef.h>

#include <hpdf.h>

#include "font.h"
#include "layout.h"
#include "render.h"
#include "util.h"

/* A named destination: where an ITEM_DEST landed. */
struct pdf_dest {
	const char	*name;
	size_t		 seq;		/* document order, for duplicates */
	size_t		 page;
	double		 x, y;		/* [pt] */
	HPDF_Destination dst;		/* made once, shared by every link
					   and outline entry to it */
};

/* An embedded image, shared by every use of its path. */
struct pdf_image {
	char		*path;
	HPDF_Image	 image;		/* NULL: the file failed, reported */
};

/*
 * Objects written by us rather than libharu (pdf_tags.c's structure
 * tree), for pdf_pack.c to add to libharu's file: their values one
 * after the other in text, each with its number (that of a libharu
 * placeholder object, whose value it replaces, or PDF_OBJS_OWN + n for
 * our n-th, which takes the n-th number after libharu's last, known
 * only once libharu has written its file) and where its value ends in
 * text.  In text, a reference to our n-th object is PDF_OBJS_REF, n in
 * decimal and " 0 R" (our strings escape every control byte).
 */
#define PDF_OBJS_REF	'\001'
#define PDF_OBJS_OWN	((size_t)1 << 40)

struct pdf_obj {
	size_t		 num;
	size_t		 end;
};

/*
 * A stream's bytes held by us (a page's content, compressed): libharu
 * writes stream object num empty, and pdf_pack.c writes it with these
 * bytes and a direct /Length instead.
 */
struct pdf_body {
	size_t			 num;
	const unsigned char	*data;
	size_t			 len;
};

struct pdf_objs {
	struct strbuf	 text;
	struct pdf_obj	*obj;
	size_t		 n, cap;
	struct pdf_body	*body;
	size_t		 nbody, capbody;
};

struct pdf_dev {
	struct fonts		*fonts;
	HPDF_Doc		 pdf;
	const struct layout	*layout;
	struct layout		*owned;		/* freed before saving, or NULL */
	HPDF_Page		*pages;		/* one per layout page */
	size_t			 npages;
	HPDF_Page		 page;		/* the page being filled */
	int			 page_no;	/* 1-based, for messages */
	struct pdf_dest		*dests;		/* sorted by name, unique */
	size_t			 ndests;
	struct pdf_image	*images;
	size_t			 nimages, images_cap;
	struct strbuf		 tj;		/* the TJ operator being built */
	short			*kern;		/* its run's kerning, per glyph */
	size_t			 kern_cap;
	/* The page's state as written, so unchanged settings are not
	 * written again: forgotten at each page and after each Q. */
	HPDF_Font		 font;		/* NULL: none set on the page */
	double			 font_size;	/* [pt] */
	struct color		 paint[PAINT__MAX];
	unsigned		 paint_set;	/* bit 1 << paint: paint[] holds */
	int			 text_open;	/* in a BT … ET */
	long			 text_x, text_y; /* [1/PDF_POS_UNIT pt] its line
						   start */
	const char		*out_path;
	const struct pdf_options *opt;		/* never NULL */
	HPDF_Array		 registration;	/* print: the colour space of
						   crop marks, once made */
	struct pdf_tags		*tags;		/* pdf_tags.c's */
	struct pdf_annots	*annots;	/* pdf_annots.c's, or NULL */
	struct pdf_contents	*contents;	/* pdf_contents.c's */
	struct pdf_objs		 ours;		/* added at saving */
	int			 failed;
};

/*
 * Load the image file at path into the document: checked completely
 * first, so a damaged file is reported at pos and gives NULL, never a
 * libharu abort.
 */
HPDF_Image	 pdf_image_load(HPDF_Doc, const char *path,
		    const struct srcpos *pos);

/*
 * pdf_meta.c: the information dictionary, the XMP packet, the dates,
 * the /ID and (PDF/A) the output intent, once all pages exist.  -1
 * after reporting (a bad SOURCE_DATE_EPOCH, a missing ICC profile).
 */
int		 pdf_meta_begin(struct pdf_dev *);
/* Just before saving: the header version and brochure as producer. */
void		 pdf_meta_end(struct pdf_dev *);

#define PDF_MILLI	1000L		/* units of TJ numbers, colours */
#define PDF_POS_UNIT	100000L		/* units of positions: libharu's
					   five decimals */

#define PDF_NUMBER_MAX	24		/* [bytes] a long, sign, point */

/*
 * pdf_device.c: at p, a number given in units of 1/unit (a power of
 * ten; 1 for an integer): "-36.842", "54", "12.5", ".25" (no trailing
 * zeros, no leading zero; "." whatever the C locale); returns the end.
 */
char		*pdf_put_fixed(char *p, long v, long unit);
/* pdf_device.c: a length [pt] in units of 1/PDF_POS_UNIT, rounded as
 * libharu rounds (through a single float). */
long		 pdf_pos_units(double);

/*
 * pdf_device.c: "v1 v2 … op" into the page's content, the n values
 * given in units of 1/unit (written without trailing zeros: "12.5",
 * "-.25", "0"); the same with n lengths in points, written as libharu
 * writes them (single floats to five decimals): the path operators,
 * which libharu's own would write after a 512-byte memset, a byte at a
 * time, each; end (ET) the text object if one is open; forget the
 * written state (after a Q).
 */
void		 pdf_put_op(struct pdf_dev *, const long *v, int n, long unit,
		    const char *op);
void		 pdf_path_op(struct pdf_dev *, const double *v, int n,
		    const char *op);
void		 pdf_text_end(struct pdf_dev *);
void		 pdf_state_forget(struct pdf_dev *);

/*
 * pdf_print.c.  Print builds: every page's MediaBox, BleedBox and
 * TrimBox, and its crop marks (artifacts in the registration colour).
 */
void		 pdf_print_pages(struct pdf_dev *);
/* The fill or stroke colour: CMYK in print builds where the style has
 * it, else RGB; nothing when it is the one set already. */
void		 pdf_color(struct pdf_dev *, const struct color *,
		    enum path_paint);
/* A filled rectangle; print builds run it into the bleed where it
 * reaches the trim edge. */
void		 pdf_print_rect(struct pdf_dev *, const struct item *);
/* An image into its box, likewise run into the bleed (scaled to cover
 * the larger box, clipped to it). */
void		 pdf_print_image(struct pdf_dev *, HPDF_Image,
		    const struct item *);

/*
 * pdf_tags.c: the tagged PDF.  begin (once the pages exist): the
 * structure root, the catalog's and the pages' entries; mark: the marked
 * content an item about to be drawn needs; link: a link annotation into
 * its item's Link element; end_page: closes the page's marked content;
 * end (before saving): the structure elements and the parent tree, as
 * our own objects in d->ours; free (always, once).
 */
void		 pdf_tags_begin(struct pdf_dev *);
void		 pdf_tags_mark(struct pdf_dev *, const struct item *);
/* Link annotation ln (its placeholder made) into the item's element:
 * its /StructParent and /Contents into ln (-1 and NULL for a
 * decoration's link, which belongs to no element). */
struct pdf_link;
void		 pdf_tags_link(struct pdf_dev *, const struct item *,
		    struct pdf_link *);
void		 pdf_tags_end_page(struct pdf_dev *);
void		 pdf_tags_end(struct pdf_dev *);
/* libharu's number of an object of its own. */
size_t		 pdf_obj_num(const void *);
/* A text string, written as libharu writes one (PDFDocEncoding as a
 * literal string where it can, else UTF-16BE in hex). */
void		 pdf_text_put(struct strbuf *, const char *utf8);
/* A whole number; key and a reference to libharu's object num. */
void		 pdf_num_put(struct strbuf *, long);
void		 pdf_ref_put(struct strbuf *, const char *key, size_t num);
/* The value of an object of ours ends here: number num. */
void		 pdf_objs_end(struct pdf_objs *, size_t num);
/* libharu's stream object num gets data (len bytes, held by the caller
 * until packed) as its bytes. */
void		 pdf_objs_body(struct pdf_objs *, size_t num,
		    const unsigned char *data, size_t len);
/* Our objects numbered from first: their text so into dst (NULL: only
 * counted), the numbers and ends so in the objects; its length. */
size_t		 pdf_objs_place(struct pdf_objs *, size_t first, char *dst);
void		 pdf_objs_free(struct pdf_objs *);
void		 pdf_tags_free(struct pdf_dev *);

/*
 * pdf_annots.c: link annotations as our own objects.  place: the next
 * one's placeholder (an empty libharu dictionary in the page's /Annots,
 * whose value pdf_pack.c replaces), its number, 0 after a libharu
 * failure; link: its value, from what place, pdf_tags_link and the
 * device said; end (before saving): the values into d->ours; free
 * (always, once).
 */
struct pdf_link {
	size_t		 num;		/* its placeholder's number */
	double		 rect[4];	/* [pt] x1 y1 x2 y2 */
	const char	*uri;		/* percent-encoded, or NULL: */
	size_t		 dest;		/* libharu's destination object */
	int		 parent;	/* its /StructParent, -1: none */
	const char	*alt;		/* its /Contents, or NULL */
};

size_t		 pdf_annot_place(struct pdf_dev *);
void		 pdf_annot_link(struct pdf_dev *, const struct pdf_link *);
void		 pdf_annots_end(struct pdf_dev *);
void		 pdf_annots_free(struct pdf_dev *);

/*
 * pdf_contents.c: page contents compressed on a second thread.  begin
 * (once the pages exist): start the thread, -1 after reporting; take
 * (as a page begins): its stream writes into a buffer of ours; page:
 * the page just ended (after its last operator) goes to the thread;
 * end (before saving): wait, and give each page's compressed bytes to
 * d->ours as its stream's (they are held until free), -1 after
 * reporting; free (always, once, after packing).
 */
int		 pdf_contents_begin(struct pdf_dev *);
void		 pdf_contents_take(struct pdf_dev *);
void		 pdf_contents_page(struct pdf_dev *);
int		 pdf_contents_end(struct pdf_dev *);
void		 pdf_contents_free(struct pdf_dev *);

/*
 * pdf_pack.c: libharu's finished file (in, len bytes, PDF 1.5 or later)
 * with its objects in compressed object streams and a cross-reference
 * stream.  0 and a new buffer in *out (the caller frees it), or -1 and
 * nothing when in does not parse exactly as libharu writes (then keep
 * in as it is).
 */
int		 pdf_pack(const unsigned char *in, size_t len,
		    unsigned char **out, size_t *out_len);
/*
 * The same with our objects added (packed like libharu's), or (append)
 * libharu's file unpacked with our objects added as an update at its
 * end.  in holds libharu's file (len bytes) and then ours->text.
 */
int		 pdf_pack_ours(const unsigned char *in, size_t len,
		    const struct pdf_objs *ours, int append,
		    unsigned char **out, size_t *out_len);

#endif /* BROCHURE_PDF_INT_H */
