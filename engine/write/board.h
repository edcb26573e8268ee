/*
** board.h -- the planner's board page (board.c): its HTML and JavaScript, embedded at build
** time from engine/write/board.html and board.js (see CMakeLists.txt, scripts/embed.cmake).
*/
#ifndef ORDO_BOARD_H
#define ORDO_BOARD_H

/* board.html: the page, with "<!--@SCRIPT@-->" where the data and the script go. */
extern const char ordo_board_html[];
/* board.js: the script that draws the board from the data element #plan. */
extern const char ordo_board_js[];

#endif
